//! `prog lsp`: the Prog language server over stdio.
//!
//! A thin layer: it keeps the open documents (ropey) and the salsa database
//! (`prog_db`), and turns each request into a call of a `prog_ide` function
//! on a snapshot, run on tokio's blocking pool. Edits are applied at once on
//! the handler's thread before anything awaits, which cancels the snapshots
//! still running; a cancelled request is retried on a fresh snapshot, and
//! answered `ContentModified` if edits keep coming. Diagnostics are pushed by
//! one worker that always computes the newest state only, and converts to
//! protocol form only the groups of diagnostics an edit changed. Logs go through
//! `tracing` to stderr (`PROG_LOG=debug` for more): stdout is the protocol's.
//!
//! Where things are: `server` (the server, its write path, and which
//! handler answers each method), `reader` (what a handler may use: snapshots
//! to read, the caches of what was sent, the client), `capabilities` (what
//! the server offers, its commands and token legend), `client_support`
//! (what the client can do), `config` (the user's settings), `state`
//! (documents, files, plans), `handlers` (one module per group of
//! features; each takes a `Reader`, never the server), `diagnostics` (the
//! push worker and the cache of converted diagnostics), `token_cache`,
//! `convert` and `line_map` (prog_ide's structs and offsets to protocol
//! types and positions), `framing` and `service` (what the protocol asks
//! of a server that tower-lsp-server does not do).

mod capabilities;
mod client_support;
mod config;
mod convert;
mod diagnostics;
mod framing;
mod handlers;
mod line_map;
mod locks;
mod message;
mod reader;
mod server;
mod service;
mod state;
mod token_cache;

pub use line_map::Encoding;

/// What the server logs unless `PROG_LOG` says otherwise: its own news,
/// not salsa's line per query run (two hundred per keystroke on a large
/// plan, each formatted and written: a tenth of an edit's time).
const DEFAULT_LOG: &str = "info,salsa=warn";

/// Serves the protocol on stdin and stdout until the client says `exit`
/// (or closes the stream). Returns the exit status: 0 when `shutdown` was
/// asked for first, else 1.
pub fn run() -> std::io::Result<u8> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PROG_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG)),
        )
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let shutdown_asked = service::ShutdownAsked::default();
    let asked = shutdown_asked.clone();
    runtime.block_on(async {
        let (out, frames) = tokio::sync::mpsc::unbounded_channel();
        // Diagnostics are written out directly (see `diagnostics::worker`).
        let published = out.clone();
        let (service, socket) =
            tower_lsp_server::LspService::build(move |client| server::Server::new(client, asked, published))
                .custom_method(handlers::preview::METHOD, server::Server::preview)
                .finish();
        // The server reads and writes through pipes; the frames on stdin are
        // checked first (see `framing`).
        let (checked, server_input) = tokio::io::duplex(1 << 16);
        let (server_output, written) = tokio::io::duplex(1 << 16);
        tokio::spawn(framing::check_input(tokio::io::stdin(), checked, out.clone()));
        tokio::spawn(framing::pass_output(written, out));
        let writer = tokio::spawn(framing::write_frames(frames, tokio::io::stdout()));
        tower_lsp_server::Server::new(server_input, server_output, socket)
            .serve(service::Answering(service))
            .await;
        let _ = writer.await;
    });
    // Blocking tasks still running (a cancelled query unwinding) need not be awaited.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(if shutdown_asked.get() { 0 } else { 1 })
}
