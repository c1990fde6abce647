//! The `hookseal` binary as a user runs it: exit codes, stdout/stderr, and
//! `send` against `listen` over loopback.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)] // test code

use std::net::TcpListener;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn hookseal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hookseal"))
        .args(args)
        .output()
        .expect("run hookseal")
}

fn temp_file(name: &str, content: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("hookseal-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn sign_then_verify_a_stored_delivery() {
    // GitHub's documented example (docs: "Validating webhook deliveries").
    let body = temp_file("gh.txt", b"Hello, World!");
    let out = hookseal(&[
        "sign",
        "--scheme",
        "github",
        "--secret",
        "It's a Secret to Everybody",
        &body,
    ]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    );
    let headers = temp_file("gh.headers", &out.stdout);
    let ok = hookseal(&[
        "verify",
        "--scheme",
        "github",
        "--secret",
        "It's a Secret to Everybody",
        "--headers-file",
        &headers,
        "--signature-only",
        &body,
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let bad = hookseal(&[
        "verify",
        "--scheme",
        "github",
        "--secret",
        "another secret",
        "--headers-file",
        &headers,
        "--signature-only",
        &body,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("refused: signature_mismatch"));
}

#[test]
fn verify_parses_the_event_and_reports_stale_timestamps() {
    let body = temp_file("stripe.json", br#"{"id":"evt_1","type":"payment_intent.succeeded","created":1700000000,"data":{"object":{"id":"pi_1"}}}"#);
    let out = hookseal(&[
        "sign",
        "--scheme",
        "stripe",
        "--secret",
        "whsec_test",
        "--timestamp",
        "1700000000",
        &body,
    ]);
    let header = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let ok = hookseal(&[
        "verify",
        "--scheme",
        "stripe",
        "--secret",
        "whsec_test",
        "-H",
        &header,
        "--now",
        "1700000100",
        &body,
    ]);
    assert!(ok.status.success());
    let event: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("event JSON");
    assert_eq!(event["type"], "payment_intent.succeeded");
    assert_eq!(event["data"]["object"]["id"], "pi_1");
    let stale = hookseal(&[
        "verify",
        "--scheme",
        "stripe",
        "--secret",
        "whsec_test",
        "-H",
        &header,
        "--now",
        "1700000301",
        &body,
    ]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&stale.stderr).contains("timestamp_too_old"));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let out = hookseal(&["sign", "--scheme", "nope", "--secret", "s", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown scheme"));
    let out = hookseal(&["sign", "--scheme", "standard", "--secret", "whsec_!!!", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid_secret"));
}

struct Listener(Child);

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

#[test]
fn send_to_listen_accepts_and_refuses_each_case() {
    let port = free_port();
    let _listener = Listener(
        Command::new(env!("CARGO_BIN_EXE_hookseal"))
            .args([
                "listen",
                "--port",
                &port.to_string(),
                "--scheme",
                "smartaihub",
                "--secret",
                "hub secret",
                "--replay-guard",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("listen"),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "listener did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = format!("http://127.0.0.1:{port}/webhooks");
    let send = |extra: &[&str], expect: &str| {
        let mut args = vec![
            "send",
            &url,
            "--scheme",
            "smartaihub",
            "--secret",
            "hub secret",
            "--event",
            "credit.low",
            "--expect",
            expect,
        ];
        args.extend_from_slice(extra);
        let out = hookseal(&args);
        assert!(
            out.status.success(),
            "{extra:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(send(&[], "200").contains("credit.low"));
    assert!(send(&["--tamper"], "401").contains("signature_mismatch"));
    assert!(send(&["--wrong-secret"], "401").contains("signature_mismatch"));
    assert!(send(&["--reserialize"], "401").contains("signature_mismatch"));
    assert!(send(&["--drop-header", "X-Webhook-Signature"], "400").contains("missing_header"));
    let twice = hookseal(&[
        "send",
        &url,
        "--scheme",
        "smartaihub",
        "--secret",
        "hub secret",
        "--repeat",
        "2",
        "--json",
    ]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&twice.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(
        lines
            .iter()
            .map(|l| l["status"].as_u64())
            .collect::<Vec<_>>(),
        [Some(200), Some(409)]
    );
    assert_eq!(lines[1]["body"]["error"], "duplicate_event");
}

#[test]
fn send_reads_chunked_answers() {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut buf = [0u8; 65536];
        let _ = stream.read(&mut buf);
        let reply = "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n{\"error\":\r\n15\r\n\"signature_mismatch\"}\r\n0\r\n\r\n";
        stream.write_all(reply.as_bytes()).expect("write");
    });
    let out = hookseal(&[
        "send",
        &format!("http://127.0.0.1:{port}/"),
        "--scheme",
        "github",
        "--secret",
        "s",
        "--json",
        "--expect",
        "401",
    ]);
    server.join().expect("server");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(line["body"]["error"], "signature_mismatch");
}
