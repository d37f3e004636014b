//! A small HTTP/1.1 server on 127.0.0.1 for the fetching tests: one thread per connection (at
//! most a few at once), every request recorded, each answered by a handler that may misbehave
//! on purpose. It stops when dropped.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The most connections served at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 8;
/// No misbehaving handler holds a connection longer than this.
pub(crate) const HOLD_MAX: Duration = Duration::from_secs(5);

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub method: String,
    /// As sent: `/path?query`, or `host:port` for CONNECT.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The value of `key` in the query string.
    pub(crate) fn query(&self, key: &str) -> Option<&str> {
        let (_, query) = self.target.split_once('?')?;
        query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }
}

/// What a handler is given: the request, the connection to answer on, and the stop flag it
/// should watch while it stalls.
pub(crate) struct Exchange<'a> {
    pub request: &'a Request,
    pub stream: &'a mut TcpStream,
    pub stop: &'a AtomicBool,
}

pub(crate) type Handler = Arc<dyn Fn(Exchange<'_>) -> io::Result<()> + Send + Sync>;

pub(crate) struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub(crate) fn start(
        handler: impl Fn(Exchange<'_>) -> io::Result<()> + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Handler = Arc::new(handler);
        let (r, s) = (requests.clone(), stop.clone());
        let accept = thread::spawn(move || accept_loop(listener, handler, r, s));
        Server {
            addr,
            requests,
            stop,
            accept: Some(accept),
        }
    }

    pub(crate) fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    pub(crate) fn requests(&self) -> Vec<Request> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    pub(crate) fn count(&self) -> usize {
        self.requests().len()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

fn accept_loop(
    listener: TcpListener,
    handler: Handler,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
) {
    let live = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        while live.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            thread::sleep(Duration::from_millis(5));
        }
        live.fetch_add(1, Ordering::SeqCst);
        let (handler, requests, stop, live) = (
            handler.clone(),
            requests.clone(),
            stop.clone(),
            live.clone(),
        );
        workers.push(thread::spawn(move || {
            let _ = serve(stream, &handler, &requests, &stop);
            live.fetch_sub(1, Ordering::SeqCst);
        }));
    }
    for w in workers {
        let _ = w.join();
    }
}

fn serve(
    mut stream: TcpStream,
    handler: &Handler,
    requests: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    let Some(request) = read_request(&mut stream)? else {
        return Ok(());
    };
    if let Ok(mut r) = requests.lock() {
        r.push(request.clone());
    }
    handler(Exchange {
        request: &request,
        stream: &mut stream,
        stop,
    })?;
    stream.flush()?;
    let _ = stream.shutdown(Shutdown::Both);
    Ok(())
}

fn read_request(stream: &mut TcpStream) -> io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok(Some(Request {
        method,
        target,
        headers,
    }))
}

/// Writes a whole response and closes the exchange.
pub(crate) fn respond(
    stream: &mut dyn Write,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} Status\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}

/// Holds the connection without answering, until stopped or [`HOLD_MAX`].
pub(crate) fn stall(stop: &AtomicBool) {
    let start = Instant::now();
    while !stop.load(Ordering::SeqCst) && start.elapsed() < HOLD_MAX {
        thread::sleep(Duration::from_millis(10));
    }
}

/// Answers with headers promising `len` bytes, then sends one byte every `every`.
pub(crate) fn trickle(x: Exchange<'_>, len: usize, every: Duration) -> io::Result<()> {
    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n");
    x.stream.write_all(head.as_bytes())?;
    let start = Instant::now();
    for _ in 0..len {
        if x.stop.load(Ordering::SeqCst) || start.elapsed() > HOLD_MAX {
            break;
        }
        x.stream.write_all(b" ")?;
        x.stream.flush()?;
        thread::sleep(every);
    }
    Ok(())
}

/// A CONNECT proxy: tunnels to the target it is asked for, counting the tunnels.
pub(crate) fn proxy() -> Server {
    Server::start(|x| {
        if x.request.method != "CONNECT" {
            return respond(x.stream, 405, &[], b"CONNECT only");
        }
        let mut upstream = TcpStream::connect(&x.request.target)?;
        x.stream
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
        let mut down = upstream.try_clone()?;
        let mut client = x.stream.try_clone()?;
        let up = thread::spawn(move || {
            let _ = io::copy(&mut client, &mut upstream);
            let _ = upstream.shutdown(Shutdown::Write);
        });
        let mut to_client = x.stream.try_clone()?;
        let mut buf = [0u8; 16 << 10];
        loop {
            match down.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => to_client.write_all(&buf[..n])?,
            }
        }
        let _ = to_client.shutdown(Shutdown::Both);
        let _ = up.join();
        Ok(())
    })
}

/// An https server on 127.0.0.1 with the test certificate (`tests/data/tls`), answering one
/// connection at a time with `handler`. It stops when dropped.
pub(crate) struct TlsServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

pub(crate) const TEST_CERT: &[u8] = include_bytes!("../data/tls/localhost.crt");
const TEST_KEY: &[u8] = include_bytes!("../data/tls/localhost.key");

impl TlsServer {
    pub(crate) fn start(
        handler: impl Fn(&Request, &mut dyn Write) -> io::Result<()> + Send + 'static,
    ) -> TlsServer {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(TEST_CERT)
            .collect::<Result<_, _>>()
            .expect("test certificate");
        let key = PrivateKeyDer::from_pem_slice(TEST_KEY).expect("test key");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .expect("protocol versions")
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .expect("server config"),
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let accept = thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let Ok(conn) = rustls::ServerConnection::new(config.clone()) else {
                    continue;
                };
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let Ok(Some(request)) = read_head(&mut tls) else {
                    continue;
                };
                if handler(&request, &mut tls).is_ok() {
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                }
            }
        });
        TlsServer {
            addr,
            stop,
            accept: Some(accept),
        }
    }

    pub(crate) fn base(&self) -> String {
        format!("https://{}", self.addr)
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

/// Reads a request's head byte by byte (a TLS stream cannot be cloned for a BufReader).
fn read_head(stream: &mut dyn Read) -> io::Result<Option<Request>> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 << 10 {
        if stream.read(&mut byte)? == 0 {
            return Ok(None);
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines();
    let mut first = lines.next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Some(Request {
        method,
        target,
        headers,
    }))
}
