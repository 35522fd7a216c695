//! `prog import`: an MS Project XML (MSPDI) file as a `.prog` plan, in
//! `prog fmt` layout, with what could not be kept listed on stderr.

use std::io::BufReader;
use std::path::PathBuf;

use prog_interchange::mspdi;

use crate::exit_code;

#[derive(clap::Args)]
pub struct Args {
    /// The MSPDI file ("Save as XML" in MS Project).
    file: PathBuf,
    /// The `.prog` file to write; standard output without it.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<u8, String> {
    let open = || {
        std::fs::File::open(&args.file)
            .map(BufReader::new)
            .map_err(|e| format!("{}: {e}", args.file.display()))
    };
    let source = match mspdi::read(open()?) {
        Ok(source) => source,
        Err(error) => {
            let (line, column) = mspdi::line_column(open()?, error.offset);
            eprintln!(
                "{}:{line}:{column}: error: {}",
                args.file.display(),
                error.message
            );
            return Ok(exit_code::PROBLEMS);
        }
    };
    let imported = mspdi::to_prog(&source);
    // The generated text is well formed; should the formatter refuse it
    // anyway, the text is still written as generated.
    let text = prog_ide::format(&imported.text).unwrap_or(imported.text);
    for line in imported.losses.lines() {
        eprintln!("prog import: not kept: {line}");
    }
    crate::export::write_output(args.output.as_deref(), &text)?;
    Ok(0)
}
