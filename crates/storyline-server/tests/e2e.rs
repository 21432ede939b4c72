//! End to end in a real browser: the server on the demo corpus, driven through headless Chromium
//! by chromedriver (Debian `chromium` and `chromium-driver`). It opens the story list, clicks into
//! the largest story, checks the brief and both pictures, searches, and saves screenshots under
//! `target/e2e/`.
//!
//! Ignored by default because it needs the browser; run it with
//! `cargo test -p storyline-server --test e2e -- --ignored` (`CHROMEDRIVER` and `CHROMIUM` name
//! other binaries). The WebDriver client is a few lines of HTTP/1.1 over `std::net`, so the
//! test adds no dependency.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use storyline::pipeline::Pipeline;

/// Ends the child process when the test ends, however it ends.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One WebDriver request; the response's `value`.
fn webdriver(port: u16, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open whatever we ask, so read the head, then exactly
    // Content-Length bytes (it never answers chunked).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let (head, length) = loop {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before the body".into());
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_string();
            let length = head
                .lines()
                .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")))
                .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                .ok_or("no Content-Length")?;
            raw.drain(..end + 4);
            break (head, length);
        }
    };
    while raw.len() < length {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let body = String::from_utf8_lossy(&raw[..length.min(raw.len())]).to_string();
    let v: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {head}"))?;
    if head.starts_with("HTTP/1.1 200") {
        Ok(v["value"].clone())
    } else {
        Err(format!("{method} {path}: {v}"))
    }
}

/// A browser session over chromedriver.
struct Browser {
    port: u16,
    session: String,
}

impl Browser {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        webdriver(self.port, method, &path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// The first element matching `css`, waiting a little for it.
    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let path = format!("/session/{}/element", self.session);
            match webdriver(self.port, "POST", &path, Some(json!({ "using": "css selector", "value": css }))) {
                Ok(v) => return v.as_object().unwrap().values().next().unwrap().as_str().unwrap().to_string(),
                Err(e) if Instant::now() > deadline => panic!("no {css}: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Run `f` on the first element matching `css`, finding it again while the page replaces
    /// it under us (a "stale element" right after a navigation).
    fn on_element(&self, css: &str, method: &str, action: &str, body: Option<Value>) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let el = self.find(css);
            let path = format!("/session/{}/element/{el}/{action}", self.session);
            match webdriver(self.port, method, &path, body.clone()) {
                Ok(v) => return v,
                Err(e) if e.contains("stale element") && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("{e}"),
            }
        }
    }

    fn text(&self, css: &str) -> String {
        self.on_element(css, "GET", "text", None).as_str().unwrap().to_string()
    }

    fn click(&self, css: &str) {
        self.on_element(css, "POST", "click", Some(json!({})));
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let png = base64(self.call("GET", "/screenshot", None).as_str().unwrap());
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, png).unwrap();
        path
    }
}

/// Standard base64 (what WebDriver screenshots are) to bytes.
fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s.bytes().filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| acc | (u32::from(val(c)) << (18 - 6 * i)));
        out.extend(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server over the demo corpus on a loopback port, on its own runtime thread.
fn start_server(db: &std::path::Path) -> SocketAddr {
    let mut pipeline = Pipeline::open(db).unwrap();
    pipeline.ingest(storyline::ingest::read_paths(&[PathBuf::from("../../testdata/demo")])).unwrap();
    drop(pipeline);
    let app = storyline_server::App::open(db, 2, None, 1 << 20).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, storyline_server::router(app)).await.unwrap();
        });
    });
    addr
}

fn start_chromedriver() -> (Kill, u16) {
    let port = free_port();
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (Debian: apt-get install chromium chromium-driver)");
    let guard = Kill(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while webdriver(port, "GET", "/status", None).map(|v| v["ready"] != true).unwrap_or(true) {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (guard, port)
}

#[test]
#[ignore = "needs chromium and chromium-driver"]
fn list_story_pictures_and_search_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start_server(&dir.path().join("demo.db"));
    let (_driver, port) = start_chromedriver();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let caps = json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": {
        "binary": chromium,
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1800"]
    }}}});
    let session = webdriver(port, "POST", "/session", Some(caps)).expect("a browser session");
    let browser = Browser { port, session: session["sessionId"].as_str().unwrap().to_string() };
    let base = format!("http://{addr}");

    browser.go(&format!("{base}/"));
    assert!(browser.text(".stories").contains("3 independent reports"));
    browser.screenshot("list.png");

    // Into the largest story (listed first): the brief and both pictures.
    browser.click(".stories li:first-child a");
    browser.find("#sources"); // the story page has loaded
    assert!(browser.text("h1").contains("Varenholm") || browser.text("h1").contains("dock"));
    assert!(browser.text("#sources").contains("V3"));
    assert!(browser.text("#conflicts").contains("hours"));
    assert!(browser.text("#quotes").contains("altered in"));
    let graph = browser.find("svg.copy-graph");
    let rect = browser.call("GET", &format!("/element/{graph}/rect"), None);
    assert!(rect["width"].as_f64().unwrap() > 300.0, "copy graph not drawn: {rect}");
    browser.find("svg.copy-graph path.copy");
    browser.find("svg.timeline circle.event");
    let shot = browser.screenshot("story.png");
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);

    // Search from the box in the header.
    let input = browser.find("#search input[name=q]");
    browser.call("POST", &format!("/element/{input}/value"), Some(json!({ "text": "museum" })));
    browser.click("#search button");
    browser.find(".hits"); // the results page has loaded
    assert!(browser.text("h1").contains("museum"));
    assert!(browser.text(".hits").to_lowercase().contains("museum"));
    browser.screenshot("search.png");

    browser.call("DELETE", "", None);
}
