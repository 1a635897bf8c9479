//! What the terminal decides: colour, the report's width, and whether to show progress.

use crate::cli::ColorWhen;
use crate::render::DEFAULT_WIDTH;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Set to a non-empty value, turns colour off whatever the output (<https://no-color.org>).
fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|value| !value.is_empty() && value != "0")
}

/// Whether the report gets colour: `--color always` or `never` decide; `auto` colours a terminal
/// unless `NO_COLOR` is set or `TERM` is `dumb`, and anything when `CLICOLOR_FORCE` is set
/// (<https://bixense.com/clicolors/>).
pub fn color(when: ColorWhen, to_terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if env_set("NO_COLOR") => false,
        ColorWhen::Auto if env_set("CLICOLOR_FORCE") => true,
        ColorWhen::Auto => to_terminal && std::env::var_os("TERM").is_none_or(|term| term != "dumb"),
    }
}

/// The report's width in display columns: the terminal's, else `COLUMNS`, else 100.
pub fn width(to_terminal: bool) -> usize {
    let terminal = to_terminal.then(|| terminal_size::terminal_size_of(std::io::stdout())).flatten();
    terminal
        .map(|(terminal_size::Width(width), _)| usize::from(width))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|&width| width > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// Rows of claims checked so far in this process, for the progress line.
static ROWS_CHECKED: AtomicUsize = AtomicUsize::new(0);

/// Counts `rows` more rows checked (called once per batch, so the cost is nil).
pub fn rows_checked(rows: usize) {
    ROWS_CHECKED.fetch_add(rows, Ordering::Relaxed);
}

/// A progress line on standard error while a long run works: shown only when standard error is
/// a terminal outside CI, and only once the run has taken `delay` (a second), so quick runs and
/// logs never see it. Cleared before the report is written.
pub struct Progress {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// How long a run goes before progress shows. `CLAIMCHECK_PROGRESS_DELAY_MS` changes it, so the
/// tests can see progress without a slow run.
fn delay() -> Duration {
    let millis = std::env::var("CLAIMCHECK_PROGRESS_DELAY_MS").ok().and_then(|ms| ms.parse().ok()).unwrap_or(1000);
    Duration::from_millis(millis)
}

impl Progress {
    pub fn start(what: &'static str, quiet: bool) -> Progress {
        let wanted = !quiet && std::io::stderr().is_terminal() && !env_set("CI");
        if !wanted {
            return Progress { stop: None, thread: None };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let began = Instant::now();
            if stopped.recv_timeout(delay()) != Err(mpsc::RecvTimeoutError::Timeout) {
                return;
            }
            let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            let mut stderr = std::io::stderr();
            for frame in frames.iter().cycle() {
                let rows = ROWS_CHECKED.load(Ordering::Relaxed);
                let _ = write!(stderr, "\r{frame} {what}… {rows} rows, {:.1} s", began.elapsed().as_secs_f64());
                let _ = stderr.flush();
                if stopped.recv_timeout(Duration::from_millis(100)) != Err(mpsc::RecvTimeoutError::Timeout) {
                    break;
                }
            }
            // Erase the line, so the report starts clean.
            let _ = write!(stderr, "\r\u{1b}[2K");
            let _ = stderr.flush();
        });
        Progress { stop: Some(stop), thread: Some(thread) }
    }

}

/// Dropping the progress stops it and erases its line.
impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
