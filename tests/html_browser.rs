//! The HTML page in a real browser: headless Chromium (or Chrome) opens the page of the fixture
//! with every finding code and verdict, and the rendered DOM (`--dump-dom`, after the inline
//! script ran) is checked: every group, every claim id, one mark per claim on its group's number
//! line, a gap for each conflict, no markup from the hostile fixture. A screenshot is taken into
//! a temporary folder, never into the repository.
//!
//! The browser is the first of `chromium-headless-shell`, `chromium`, `google-chrome` on PATH.
//! Without one the test fails when `CI` is set (CI must run it: `.ci/run` installs
//! chromium-headless-shell) and says why it skipped otherwise.

mod html_support;

use html_support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BROWSERS: [&str; 3] = ["chromium-headless-shell", "chromium", "google-chrome"];
/// A browser that has not finished by then is stuck; the test fails rather than hang CI.
const PATIENCE: Duration = Duration::from_secs(120);

fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    BROWSERS.iter().find_map(|name| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|file| file.is_file()))
}

/// Runs the browser on `page` with `args`, in `dir`, and returns its standard output.
fn run_browser(browser: &Path, dir: &Path, page: &Path, args: &[&str]) -> String {
    let url = format!("file://{}", page.display());
    let mut command = Command::new(browser);
    command
        .current_dir(dir)
        // The sandbox needs privileges that root in a container, and GitHub's runners, lack; the
        // page is our own local file.
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap_or_else(|error| panic!("cannot start {}: {error}", browser.display()));
    let started = Instant::now();
    // Read on threads so a chatty browser never blocks on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} did not finish within {PATIENCE:?}", browser.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = out.join().unwrap().expect("the DOM is UTF-8");
    let stderr = err.join().unwrap();
    assert!(status.success(), "{} failed ({status}):\n{stderr}", browser.display());
    stdout
}

#[test]
fn the_page_renders_in_a_real_browser() {
    let Some(browser) = browser() else {
        let message = format!("no browser found on PATH (looked for {}): the HTML page was not opened in a browser", BROWSERS.join(", "));
        assert!(std::env::var_os("CI").is_none(), "{message}; CI must run this test (.ci/run installs chromium-headless-shell)");
        // Straight to the standard error stream, which the test harness does not capture, so
        // the skip shows in every run's output.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("html_browser skipped: {message}. Install chromium-headless-shell (Debian) or Chrome to run it.\n").as_bytes());
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page_file = dir.path().join("report.html");
    check(&fixture(), "html", &["--output", page_file.to_str().unwrap()]);
    let dom = run_browser(&browser, dir.path(), &page_file, &["--dump-dom"]);
    assert!(dom.contains("<main id=\"main\">"), "the browser shows the page:\n{}", &dom[..dom.len().min(2000)]);
    // The script ran: it shows the filter form, which the page itself hides.
    assert!(dom.contains("<form id=\"filters\" class=\"filters\" aria-label="), "the inline script ran and showed the filters");

    let report = report();
    let groups = report["disagreements"].as_array().unwrap();
    let cards = cards(&dom);
    assert_eq!(cards.len(), groups.len(), "one card per group");
    for group in groups {
        let ids: Vec<&str> = group["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        let card = cards
            .iter()
            .find(|card| attribute_values(card, "data-claim").iter().any(|id| id == ids[0]))
            .unwrap_or_else(|| panic!("no card for the group of {}", ids[0]));
        // Every number line of the card: a group in several units has one per unit.
        let svg: String = card.split("<svg").skip(1).map(|line| &line[..line.find("</svg>").expect("the line ends")]).collect();
        assert!(!svg.is_empty(), "a number line for the group of {}", ids[0]);
        let mut on_line = attribute_values(&svg, "data-claim");
        on_line.sort();
        let mut expected: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
        expected.sort();
        assert_eq!(on_line, expected, "one mark per claim on the number line of {}", group["subject"]);
        assert_eq!(svg.matches("<g class=\"mark\"").count(), ids.len());
        if group["verdict"] == "conflict" {
            let gap = svg.split("<rect class=\"gap\"").nth(1).unwrap_or_else(|| panic!("no gap drawn for the conflict on {}", group["subject"]));
            let width: f64 = gap.split("width=\"").nth(1).and_then(|w| w.split('"').next()).and_then(|w| w.parse().ok()).expect("a gap width");
            assert!(width >= 3.0, "the gap of {} is visible: width {width}", group["subject"]);
        } else {
            assert!(!svg.contains("class=\"gap\""), "no gap where nothing conflicts");
        }
    }
    let dom_ids = attribute_values(&dom, "id");
    for claim in claim_ids(&report) {
        assert!(dom_ids.contains(&anchor("claim", &claim)), "claim {claim} has its anchor in the rendered page");
    }
    assert_no_injected_markup(&dom);
    assert!(dom.contains("&lt;script&gt;alert(\"id\")&lt;/script&gt;"), "the hostile id is text in the DOM");

    // The filter: picking a code hides every finding of another code, and says how many show.
    let page_text = std::fs::read_to_string(&page_file).unwrap();
    let pick = "<script>var form = document.getElementById('filters'); form.elements.code.value = 'span-edited'; form.dispatchEvent(new Event('change'));</script></body>";
    let filtered_file = dir.path().join("filtered.html");
    std::fs::write(&filtered_file, page_text.replace("</body>", pick)).unwrap();
    let filtered = run_browser(&browser, dir.path(), &filtered_file, &["--dump-dom"]);
    let findings: Vec<&str> = tags(&filtered).into_iter().filter(|t| t.starts_with("<div class=\"finding ")).collect();
    let shown: Vec<&&str> = findings.iter().filter(|t| !attribute_names(t).contains(&"hidden".to_string())).collect();
    let edited = report["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "span-edited").count();
    assert_eq!(shown.len(), edited, "only the span-edited findings show: {shown:?}");
    assert!(shown.iter().all(|t| t.contains("data-codes=\"span-edited\"")));
    assert!(findings.len() > edited, "the others are hidden");
    assert!(filtered.contains(&format!(">{edited} findings shown</output>")));

    let shot = dir.path().join("report.png");
    run_browser(&browser, dir.path(), &page_file, &["--window-size=1280,2400", &format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a screenshot of a drawn page ({} bytes)", png.len());
    // To look at it: CLAIMCHECK_SCREENSHOT=/some/file.png cargo test --test html_browser
    if let Some(keep) = std::env::var_os("CLAIMCHECK_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}
