//! What tower-lsp-server's `LspService` leaves out of the protocol, put
//! back around it: a request for an unknown `$/` method gets no answer
//! from it (it drops every `$/` MethodNotFound, right for notifications
//! only), and the exit status must say whether `shutdown` came first.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use tower_lsp_server::jsonrpc::{Error, Request, Response};
use tower_lsp_server::{ExitedError, LanguageServer, LspService};
use tower_service::Service;

/// Whether the client asked for `shutdown`: the process then exits with 0
/// on `exit`, else with 1 (as the protocol says).
#[derive(Clone, Default)]
pub struct ShutdownAsked(Arc<AtomicBool>);

impl ShutdownAsked {
    pub fn set(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn get(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// `LspService`, answering MethodNotFound to the `$/` requests (not
/// notifications) it leaves unanswered.
pub struct Answering<S: LanguageServer>(pub LspService<S>);

impl<S: LanguageServer> Service<Request> for Answering<S> {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = Pin<Box<dyn Future<Output = Result<Option<Response>, ExitedError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let unanswered = match request.id() {
            Some(id) if request.method().starts_with("$/") => Some(id.clone()),
            _ => None,
        };
        let answer = self.0.call(request);
        Box::pin(async move {
            let response = answer.await?;
            Ok(match (response, unanswered) {
                (None, Some(id)) => Some(Response::from_error(id, Error::method_not_found())),
                (response, _) => response,
            })
        })
    }
}
