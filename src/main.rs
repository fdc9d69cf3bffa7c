//! The pactum binary: parse arguments, run, map the outcome to an exit code
//! (0 ok/found, 1 nothing found or differences, 2 error).

use std::process::ExitCode;

mod cli;

use clap::Parser;
use cli::{run, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(pactum::output::is_broken_pipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("pactum: {e:#}");
            ExitCode::from(2)
        }
    }
}
