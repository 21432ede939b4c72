//! `bench-serve`: HTTP throughput and tail latency of the release `storyline serve` under load.
//!
//! The server runs as a user would run it, on a store holding the Reuters-21578 corpus (ingested
//! once with `storyline ingest` into `target/bench-serve.db` and reused afterwards), on loopback.
//! `wrk` (Debian package `wrk`) then drives each endpoint for a fixed time with 64 connections
//! on 2 threads, and its own report gives requests per second, the latency percentiles and the
//! errors (socket errors and non-2xx answers). Briefs are cached by the server per story and
//! article count, so the brief rows measure the cached path after the first request; the page
//! row adds the HTML rendering and the SVG pictures; search runs FTS5 on every request.

use anyhow::{bail, ensure, Context, Result};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What to run and how hard.
pub struct Config {
    /// The JSONL corpus to ingest when the store does not exist yet.
    pub jsonl: PathBuf,
    /// The store (created from `jsonl` when missing).
    pub db: PathBuf,
    /// The release `storyline` binary; `None` builds it with cargo first.
    pub bin: Option<PathBuf>,
    /// The workspace root (for building and the default binary path).
    pub root: PathBuf,
    /// Loopback address for the server.
    pub addr: SocketAddr,
    /// wrk connections.
    pub connections: usize,
    /// wrk threads.
    pub threads: usize,
    /// Seconds per endpoint.
    pub seconds: u64,
}

/// One endpoint's result, from wrk's report.
#[derive(Debug, Default, PartialEq)]
struct Load {
    requests: u64,
    per_second: f64,
    p50_ms: Option<f64>,
    p99_ms: Option<f64>,
    /// Socket errors (connect, read, write, timeout) plus non-2xx/3xx responses.
    errors: u64,
}

/// Kills the server when the benchmark ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Build, load, serve, measure and print one row per endpoint.
pub fn run(config: &Config) -> Result<()> {
    ensure!(
        Command::new("wrk").arg("--version").output().is_ok(),
        "wrk not found: install it (Debian: apt-get install -y wrk)"
    );
    let bin = match &config.bin {
        Some(b) => b.clone(),
        None => build(config)?,
    };
    if !config.db.is_file() {
        ingest(&bin, config)?;
    }
    let stories = storyline::store::Store::open(&config.db)?.stories()?;
    ensure!(!stories.is_empty(), "{} holds no stories", config.db.display());
    let largest = &stories[0];
    // A typical multi-article story: the median of those with at least three articles.
    let several: Vec<_> = stories.iter().filter(|s| s.articles >= 3).collect();
    let typical = several.get(several.len() / 2).copied().unwrap_or(largest);
    let _server = serve(&bin, config)?;
    let targets = [
        (format!("brief, largest story ({} articles)", largest.articles), format!("/api/stories/{}", largest.id.0)),
        (format!("brief, typical story ({} articles)", typical.articles), format!("/api/stories/{}", typical.id.0)),
        (format!("story page, typical story ({} articles)", typical.articles), format!("/stories/{}", typical.id.0)),
        ("search \"oil prices\"".to_string(), "/api/search?q=oil+prices".to_string()),
        ("search \"coffee\"".to_string(), "/api/search?q=coffee".to_string()),
    ];
    println!(
        "wrk -c{} -t{} -d{}s --latency, {} stories in {}",
        config.connections,
        config.threads,
        config.seconds,
        stories.len(),
        config.db.display()
    );
    println!("| endpoint | path | requests/s | p50 ms | p99 ms | requests | errors |\n|---|---|---|---|---|---|---|");
    for (name, path) in &targets {
        let load = measure(config, path)?;
        let ms = |x: Option<f64>| x.map_or("?".into(), |v| format!("{v:.2}"));
        println!(
            "| {name} | `{path}` | {:.0} | {} | {} | {} | {} |",
            load.per_second,
            ms(load.p50_ms),
            ms(load.p99_ms),
            load.requests,
            load.errors
        );
    }
    Ok(())
}

/// `cargo build --release -p storyline-cli`, so the numbers are never from a stale binary.
fn build(config: &Config) -> Result<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "storyline-cli"])
        .current_dir(&config.root)
        .status()
        .context("running cargo build")?;
    ensure!(status.success(), "cargo build --release -p storyline-cli failed");
    Ok(config.root.join("target/release/storyline"))
}

/// Ingest the corpus into a new store (written beside, then renamed, so a failed ingest never
/// leaves a half store that the next run would trust).
fn ingest(bin: &std::path::Path, config: &Config) -> Result<()> {
    ensure!(config.jsonl.is_file(), "{} not found: make it with `cargo xtask reuters-jsonl`", config.jsonl.display());
    let partial = config.db.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    eprintln!("bench-serve: ingesting {} into {}", config.jsonl.display(), config.db.display());
    let started = Instant::now();
    let status = Command::new(bin)
        .arg("--db")
        .arg(&partial)
        .arg("ingest")
        .arg(&config.jsonl)
        .stdout(Stdio::null())
        .status()
        .context("running storyline ingest")?;
    ensure!(status.success(), "storyline ingest failed");
    std::fs::rename(&partial, &config.db)?;
    eprintln!("bench-serve: ingested in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Start `storyline serve` and wait until it accepts connections.
fn serve(bin: &std::path::Path, config: &Config) -> Result<Server> {
    let child = Command::new(bin)
        .arg("--db")
        .arg(&config.db)
        .arg("serve")
        .arg("--addr")
        .arg(config.addr.to_string())
        .env_remove("STORYLINE_TOKEN")
        .stdout(Stdio::null())
        .spawn()
        .context("starting storyline serve")?;
    let mut server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect_timeout(&config.addr, Duration::from_millis(200)).is_err() {
        if let Some(status) = server.0.try_wait()? {
            bail!("storyline serve exited early: {status}");
        }
        ensure!(Instant::now() < deadline, "storyline serve did not listen on {} within 60 s", config.addr);
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(server)
}

/// One wrk run against `path`.
fn measure(config: &Config, path: &str) -> Result<Load> {
    let url = format!("http://{}{path}", config.addr);
    let out = Command::new("wrk")
        .arg(format!("-c{}", config.connections))
        .arg(format!("-t{}", config.threads))
        .arg(format!("-d{}s", config.seconds))
        .arg("--latency")
        .arg(&url)
        .output()
        .context("running wrk")?;
    let text = String::from_utf8_lossy(&out.stdout);
    ensure!(out.status.success(), "wrk failed on {url}: {}", String::from_utf8_lossy(&out.stderr));
    parse(&text).with_context(|| format!("reading wrk's report for {url}:\n{text}"))
}

/// The numbers of a wrk report.
fn parse(report: &str) -> Result<Load> {
    let mut load = Load::default();
    for line in report.lines().map(str::trim) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            ["Requests/sec:", v] => load.per_second = v.parse()?,
            ["50%", v] => load.p50_ms = Some(millis(v)?),
            ["99%", v] => load.p99_ms = Some(millis(v)?),
            [n, "requests", "in", ..] => load.requests = n.parse()?,
            ["Non-2xx", "or", "3xx", "responses:", n] => load.errors += n.parse::<u64>()?,
            ["Socket", "errors:", rest @ ..] => {
                // "connect 0, read 0, write 0, timeout 0"
                load.errors += rest.iter().filter_map(|f| f.trim_end_matches(',').parse::<u64>().ok()).sum::<u64>();
            }
            _ => {}
        }
    }
    ensure!(load.requests > 0, "no requests counted");
    Ok(load)
}

/// A wrk duration ("812.00us", "3.21ms", "1.02s") in milliseconds.
fn millis(v: &str) -> Result<f64> {
    let (num, scale) = if let Some(n) = v.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('m') {
        (n, 60_000.0)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1000.0)
    } else {
        bail!("not a wrk duration: {v}")
    };
    Ok(num.parse::<f64>()? * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_wrk_report() {
        let report = "Running 10s test @ http://127.0.0.1:7979/api/search?q=oil
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.10ms    1.20ms  30.00ms   90.00%
  Latency Distribution
     50%  812.00us
     75%    3.00ms
     90%    4.00ms
     99%    1.50s
  123456 requests in 10.00s, 50.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:  12345.60
Transfer/sec:      5.00MB
";
        let load = parse(report).unwrap();
        assert_eq!(load.requests, 123_456);
        assert_eq!(load.errors, 9);
        assert_eq!(load.p50_ms, Some(0.812));
        assert_eq!(load.p99_ms, Some(1500.0));
        assert!((load.per_second - 12_345.6).abs() < 1e-9);
    }
}
