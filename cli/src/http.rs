//! Just enough HTTP/1.1 over loopback for `send` and `listen`: one request
//! per connection, `Content-Length` bodies, `Connection: close`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// A request as received.
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A response as received.
pub struct Response {
    pub status: u16,
    pub body: String,
}

const MAX_BODY: usize = 64 * 1024 * 1024;

fn read_head(reader: &mut impl BufRead) -> Result<(String, Vec<(String, String)>), String> {
    let mut start = String::new();
    reader
        .read_line(&mut start)
        .map_err(|e| format!("reading: {e}"))?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader
            .read_line(&mut line)
            .map_err(|e| format!("reading: {e}"))?
            == 0
        {
            break;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok((start.trim_end().to_string(), headers))
}

fn read_body(
    reader: &mut impl Read,
    headers: &[(String, String)],
    until_close: bool,
) -> Result<Vec<u8>, String> {
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked")
    });
    let mut body = Vec::new();
    if chunked {
        return read_chunked(reader);
    }
    match length {
        Some(n) if n > MAX_BODY => return Err(format!("body of {n} bytes is over {MAX_BODY}")),
        Some(n) => {
            body.resize(n, 0);
            reader
                .read_exact(&mut body)
                .map_err(|e| format!("reading body: {e}"))?;
        }
        None if until_close => {
            reader
                .take(MAX_BODY as u64)
                .read_to_end(&mut body)
                .map_err(|e| format!("reading body: {e}"))?;
        }
        None => {}
    }
    Ok(body)
}

/// A `Transfer-Encoding: chunked` body: hex size lines, each chunk, a zero-size end.
fn read_chunked(reader: &mut impl Read) -> Result<Vec<u8>, String> {
    let mut reader = BufReader::new(reader);
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .map_err(|e| format!("reading chunk size: {e}"))?;
        let size_text = line.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        if size == 0 {
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(format!("body over {MAX_BODY} bytes"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader
            .read_exact(&mut body[start..])
            .map_err(|e| format!("reading chunk: {e}"))?;
        let mut crlf = [0u8; 2];
        reader
            .read_exact(&mut crlf)
            .map_err(|e| format!("reading chunk end: {e}"))?;
    }
}

/// POSTs `body` to an `http://host:port/path` URL.
pub fn post(url: &str, headers: &[(String, String)], body: &[u8]) -> Result<Response, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or("only http:// URLs are supported (local receivers); use a tunnel's http address")?;
    let (authority, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
    let addr = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let mut stream =
        TcpStream::connect(&addr).map_err(|e| format!("cannot connect to {addr}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("User-Agent: hookseal-cli\r\n\r\n");
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body))
        .map_err(|e| format!("sending: {e}"))?;
    let mut reader = BufReader::new(stream);
    let (status_line, resp_headers) = read_head(&mut reader)?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP response: {status_line:?}"))?;
    let body = read_body(&mut reader, &resp_headers, true)?;
    Ok(Response {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Serves on `127.0.0.1:port`, one connection at a time, handing each
/// request to `handle` and writing back its status and JSON body. Stops
/// after `limit` requests when given.
pub fn serve(
    port: u16,
    limit: Option<usize>,
    mut handle: impl FnMut(Request) -> (u16, String),
) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    eprintln!("listening on http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    let mut served = 0;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut reader = BufReader::new(&stream);
        let (start, headers) = match read_head(&mut reader) {
            Ok(h) => h,
            Err(_) => continue,
        };
        let mut parts = start.split_whitespace();
        let (method, path) = (
            parts.next().unwrap_or("").to_string(),
            parts.next().unwrap_or("/").to_string(),
        );
        let (status, body) = match read_body(&mut reader, &headers, false) {
            Ok(body) => handle(Request {
                method,
                path,
                headers,
                body,
            }),
            Err(e) => (
                413,
                serde_json::json!({"error": "payload_too_large", "message": e}).to_string(),
            ),
        };
        let reason = match status {
            200 => "OK",
            400 => "Bad Request",
            401 => "Unauthorized",
            405 => "Method Not Allowed",
            409 => "Conflict",
            413 => "Payload Too Large",
            _ => "Error",
        };
        let mut out = &stream;
        let _ = write!(out, "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        served += 1;
        if limit.is_some_and(|l| served >= l) {
            break;
        }
    }
    Ok(())
}
