//! `hookseal`: the developer's companion for webhook receivers — sign,
//! verify stored deliveries, send realistic signed events, listen locally.
//!
//! Exit codes: 0 success; 1 the delivery was refused (or `send --expect`
//! did not get the expected status); 2 usage or I/O error.

mod http;
mod samples;

use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, Parser, Subcommand};
use hookseal::{Options, Scheme, Webhook};
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "hookseal",
    version,
    about = "Sign, verify, send and receive webhooks for every provider hookseal knows."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Verifier {
    /// Scheme id (costkatana, unicraft, dash, smartaihub, standard, stripe,
    /// github, slack, shopify) or a custom-scheme description as JSON.
    #[arg(long, env = "HOOKSEAL_SCHEME")]
    scheme: String,
    /// Signing secret; repeat for rotation (any one may match; the first signs).
    #[arg(
        long = "secret",
        env = "HOOKSEAL_SECRET",
        required = true,
        value_delimiter = ','
    )]
    secrets: Vec<String>,
    /// Allowed clock difference in seconds (0 = off).
    #[arg(long, default_value_t = hookseal::DEFAULT_TOLERANCE)]
    tolerance: u64,
    /// Refuse event types that are not in the provider's catalog.
    #[arg(long)]
    strict: bool,
}

impl Verifier {
    fn build(&self) -> Result<Webhook, String> {
        let scheme = parse_scheme(&self.scheme)?;
        let options = Options {
            tolerance: self.tolerance,
            strict: self.strict,
            ..Options::default()
        };
        Webhook::with_options(scheme, &self.secrets, options)
            .map_err(|e| format!("{}: {e}", e.code()))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Print the headers a provider would send with BODY (a file, or - for stdin).
    Sign {
        #[command(flatten)]
        verifier: Verifier,
        /// Unix seconds to sign (default: now).
        #[arg(long)]
        timestamp: Option<u64>,
        /// Delivery id (default: a fresh msg_… id).
        #[arg(long)]
        id: Option<String>,
        /// Print the headers as a JSON object instead of `Name: value` lines.
        #[arg(long)]
        json: bool,
        body: String,
    },
    /// Check a stored delivery: BODY file plus its headers.
    Verify {
        #[command(flatten)]
        verifier: Verifier,
        /// A header as `Name: value` (repeat).
        #[arg(long = "header", short = 'H')]
        headers: Vec<String>,
        /// A file of `Name: value` lines (as `curl -D` writes them).
        #[arg(long)]
        headers_file: Option<String>,
        /// The clock to check the timestamp against (Unix seconds; default now).
        #[arg(long)]
        now: Option<u64>,
        /// Check the signature only (the body need not be JSON).
        #[arg(long)]
        signature_only: bool,
        body: String,
    },
    /// POST a realistic, correctly signed sample event to URL.
    Send {
        url: String,
        #[command(flatten)]
        verifier: Verifier,
        /// Event type from the provider's catalog (default: the first one).
        #[arg(long)]
        event: Option<String>,
        /// Send this file as the body instead of a sample.
        #[arg(long)]
        body: Option<String>,
        /// Change the body after signing.
        #[arg(long)]
        tamper: bool,
        /// Sign with a different secret.
        #[arg(long)]
        wrong_secret: bool,
        /// Sign a timestamp this many seconds in the past (negative: future).
        #[arg(long, allow_hyphen_values = true)]
        age: Option<i64>,
        /// Send the same signed delivery this many times in all.
        #[arg(long, default_value_t = 1)]
        repeat: u32,
        /// Leave out this header (e.g. the signature header).
        #[arg(long)]
        drop_header: Vec<String>,
        /// Send the body re-serialized (pretty-printed) after signing the compact form,
        /// as a receiver that parses and re-stringifies JSON would see it.
        #[arg(long)]
        reserialize: bool,
        /// Exit 1 unless every answer has this HTTP status.
        #[arg(long)]
        expect: Option<u16>,
        /// Print one JSON line per answer instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Receive deliveries on 127.0.0.1:PORT, verify them and print the events.
    Listen {
        #[arg(long, short, default_value_t = 8787)]
        port: u16,
        #[command(flatten)]
        verifier: Verifier,
        /// Remember delivery ids and refuse replays (duplicate_event).
        #[arg(long)]
        replay_guard: bool,
        /// Stop after this many requests.
        #[arg(long)]
        count: Option<usize>,
    },
    /// List the schemes, or the event types of one scheme's catalog.
    Events {
        /// A scheme id; without it, every scheme is listed.
        scheme: Option<String>,
    },
}

fn parse_scheme(text: &str) -> Result<Scheme, String> {
    let result = if text.trim_start().starts_with('{') {
        Scheme::from_description_json(text)
    } else {
        text.parse()
    };
    result.map_err(|e| e.to_string())
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn fresh_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("msg_{:x}{:04x}", nanos, std::process::id() & 0xffff)
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("reading stdin: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("reading {path}: {e}"))
    }
}

fn parse_header_line(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    (!k.is_empty() && !k.contains(' ')).then(|| (k.to_string(), v.trim().to_string()))
}

/// The outcome of one command: Ok(true) success, Ok(false) refused.
fn run(cli: Cli) -> Result<bool, String> {
    match cli.command {
        Command::Sign {
            verifier,
            timestamp,
            id,
            json,
            body,
        } => {
            let wh = verifier.build()?;
            let body = read_input(&body)?;
            let id = id.unwrap_or_else(fresh_id);
            let headers = wh
                .sign(&body, Some(timestamp.unwrap_or_else(now)), Some(&id))
                .map_err(|e| e.to_string())?;
            if json {
                let obj: serde_json::Map<String, Value> = headers
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect();
                println!("{}", Value::Object(obj));
            } else {
                for (k, v) in headers {
                    println!("{k}: {v}");
                }
            }
            Ok(true)
        }
        Command::Verify {
            verifier,
            headers,
            headers_file,
            now: at,
            signature_only,
            body,
        } => {
            let wh = verifier.build()?;
            let body = read_input(&body)?;
            let mut pairs: Vec<(String, String)> = Vec::new();
            if let Some(file) = headers_file {
                let text = String::from_utf8(read_input(&file)?)
                    .map_err(|_| format!("{file} is not UTF-8"))?;
                pairs.extend(text.lines().filter_map(parse_header_line));
            }
            for h in &headers {
                pairs.push(
                    parse_header_line(h)
                        .ok_or_else(|| format!("--header {h:?} is not `Name: value`"))?,
                );
            }
            let outcome = if signature_only {
                wh.verify_signature(&body, &pairs, at).map(|()| None)
            } else {
                wh.verify(&body, &pairs, at).map(Some)
            };
            match outcome {
                Ok(event) => {
                    match event {
                        Some(e) => println!("{}", pretty_event(&e)),
                        None => println!("ok: the signature is valid"),
                    }
                    Ok(true)
                }
                Err(e) => {
                    eprintln!("refused: {}: {e}", e.code());
                    Ok(false)
                }
            }
        }
        Command::Send {
            url,
            verifier,
            event,
            body,
            tamper,
            wrong_secret,
            age,
            repeat,
            drop_header,
            reserialize,
            expect,
            json,
        } => {
            let wh = verifier.build()?;
            let scheme_id = wh.scheme().id();
            let id = fresh_id();
            let (body_bytes, mut extra) = match &body {
                Some(path) => (read_input(path)?, Vec::new()),
                None => {
                    let (value, extra) = samples::sample(scheme_id, event.as_deref(), &id)?;
                    (
                        serde_json::to_vec(&value).map_err(|e| e.to_string())?,
                        extra,
                    )
                }
            };
            let ts = i64::try_from(now()).unwrap_or(i64::MAX) - age.unwrap_or(0);
            let ts = u64::try_from(ts)
                .map_err(|_| "--age puts the timestamp before 1970".to_string())?;
            let signer = if wrong_secret {
                let wrong = if *wh.scheme() == Scheme::Standard {
                    "whsec_d3Jvbmcgc2VjcmV0IGZvciB0ZXN0cw=="
                } else {
                    "wrong secret"
                };
                Webhook::new(wh.scheme().clone(), &[wrong]).map_err(|e| e.to_string())?
            } else {
                wh.clone()
            };
            let mut headers = signer
                .sign(&body_bytes, Some(ts), Some(&id))
                .map_err(|e| e.to_string())?;
            headers.append(&mut extra);
            headers.retain(|(k, _)| !drop_header.iter().any(|d| d.eq_ignore_ascii_case(k)));
            let mut sent = body_bytes.clone();
            if reserialize {
                let value: Value = serde_json::from_slice(&sent)
                    .map_err(|_| "--reserialize needs a JSON body".to_string())?;
                sent = serde_json::to_vec_pretty(&value).map_err(|e| e.to_string())?;
            }
            if tamper {
                // Flip one ASCII digit or letter in the body's second half so it stays JSON.
                if let Some(pos) = sent.iter().rposition(u8::is_ascii_alphanumeric) {
                    sent[pos] = if sent[pos] == b'1' {
                        b'2'
                    } else if sent[pos].is_ascii_digit() {
                        b'1'
                    } else if sent[pos] == b'x' {
                        b'y'
                    } else {
                        b'x'
                    };
                }
            }
            let mut all_expected = true;
            for attempt in 1..=repeat {
                let response = http::post(&url, &headers, &sent)?;
                let ok = expect.map_or((200..300).contains(&response.status), |e| {
                    e == response.status
                });
                all_expected &= ok;
                if json {
                    let body: Value = serde_json::from_str(&response.body)
                        .unwrap_or(Value::String(response.body.clone()));
                    println!(
                        "{}",
                        json!({"attempt": attempt, "status": response.status, "body": body, "id": id})
                    );
                } else {
                    println!(
                        "{} {} → {} {}",
                        scheme_id,
                        event.as_deref().unwrap_or("(sample)"),
                        response.status,
                        response.body.trim()
                    );
                }
            }
            Ok(all_expected)
        }
        Command::Listen {
            port,
            verifier,
            replay_guard,
            count,
        } => {
            let mut wh = verifier.build()?;
            if replay_guard {
                wh = wh.with_default_replay_guard();
            }
            http::serve(port, count, |req| {
                if req.method != "POST" {
                    return (
                        405,
                        json!({"error": "method_not_allowed", "message": "webhooks are POSTed"})
                            .to_string(),
                    );
                }
                match wh.verify(&req.body, &req.headers, None) {
                    Ok(event) => {
                        println!(
                            "✔ {} {}\n{}",
                            req.path,
                            event.event_type().unwrap_or("(no type)"),
                            pretty_event(&event)
                        );
                        (
                            200,
                            json!({"ok": true, "type": event.event_type(), "id": event.id()})
                                .to_string(),
                        )
                    }
                    Err(e) => {
                        println!("✘ {} refused: {}: {e}", req.path, e.code());
                        (
                            e.kind().http_status(),
                            json!({"error": e.code(), "message": e.to_string()}).to_string(),
                        )
                    }
                }
            })?;
            Ok(true)
        }
        Command::Events { scheme } => {
            match scheme {
                None => {
                    for s in Scheme::BUILT_IN {
                        let n = samples::event_types(s.id()).len();
                        println!(
                            "{:<11} {}",
                            s.id(),
                            if n == 0 {
                                "open (any event type)".to_string()
                            } else {
                                format!("{n} event types")
                            }
                        );
                    }
                }
                Some(s) => {
                    let scheme = parse_scheme(&s)?;
                    for t in samples::event_types(scheme.id()) {
                        println!("{t}");
                    }
                }
            }
            Ok(true)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("hookseal: {message}");
            ExitCode::from(2)
        }
    }
}

/// The event JSON of the bindings (`Event::to_json_string`), indented.
fn pretty_event(event: &hookseal::Event) -> String {
    serde_json::from_str::<Value>(&event.to_json_string())
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}
