//! The ways to reach a printer. Each job opens the way, sends the whole job and closes it, so a
//! printer switched off between jobs costs nothing. Errors say what a person can check.

use super::{Fault, PrintError, PrinterSettings, TransportConfig};
use std::fs::OpenOptions;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

pub trait Transport: Send {
    /// Send one whole job. Ok means the printer (or the file) has all of it.
    fn send(&mut self, bytes: &[u8]) -> Result<(), PrintError>;
}

/// The transport the settings name.
pub fn open(settings: &PrinterSettings) -> Box<dyn Transport> {
    match &settings.transport {
        TransportConfig::None => Box::new(NoPrinter),
        TransportConfig::Device(p) => Box::new(DeviceFile { path: p.clone() }),
        TransportConfig::File(p) => Box::new(PlainFile { path: p.clone() }),
        TransportConfig::Tcp { host, port } => {
            Box::new(Tcp { host: host.clone(), port: *port, timeout: settings.timeout, status_check: settings.status_check })
        }
        TransportConfig::Serial { path, baud } => Box::new(Serial { path: path.clone(), baud: *baud }),
        TransportConfig::Cups { queue } => Box::new(Cups { queue: queue.clone() }),
    }
}

pub struct NoPrinter;

impl Transport for NoPrinter {
    fn send(&mut self, _bytes: &[u8]) -> Result<(), PrintError> {
        Err(PrintError::NoPrinter)
    }
}

fn open_error(path: &Path, e: std::io::Error) -> PrintError {
    let p = path.display().to_string();
    match e.kind() {
        ErrorKind::NotFound => PrintError::NotFound(p),
        ErrorKind::PermissionDenied => PrintError::PermissionDenied(p),
        _ => match e.raw_os_error() {
            // ENXIO, ENODEV: the node is there but the printer behind it is gone.
            Some(6) | Some(19) => PrintError::NotFound(p),
            _ => PrintError::Io(format!("{p}: {e}")),
        },
    }
}

/// The kernel's printer device, e.g. `/dev/usb/lp0`.
pub struct DeviceFile {
    pub path: PathBuf,
}

impl Transport for DeviceFile {
    fn send(&mut self, bytes: &[u8]) -> Result<(), PrintError> {
        let mut f = OpenOptions::new().write(true).open(&self.path).map_err(|e| open_error(&self.path, e))?;
        // A write error here is the printer going away mid-job (unplugged, switched off).
        f.write_all(bytes).and_then(|_| f.flush()).map_err(|_| PrintError::Disconnected)
    }
}

/// Appends each job to a file: tests, and a site whose printer has not arrived yet.
pub struct PlainFile {
    pub path: PathBuf,
}

impl Transport for PlainFile {
    fn send(&mut self, bytes: &[u8]) -> Result<(), PrintError> {
        let mut f = OpenOptions::new().create(true).append(true).open(&self.path).map_err(|e| open_error(&self.path, e))?;
        f.write_all(bytes).and_then(|_| f.sync_data()).map_err(|e| PrintError::Io(format!("{}: {e}", self.path.display())))
    }
}

/// Raw TCP (port 9100). With `status_check`, the printer is asked for its state (`DLE EOT`)
/// before the job, so a printer out of paper is not sent anything, and after it: the answer
/// proves the printer received every byte before it, and tells whether it stopped mid-job.
pub struct Tcp {
    pub host: String,
    pub port: u16,
    pub timeout: Duration,
    pub status_check: bool,
}

/// `DLE EOT 1` (printer), `DLE EOT 2` (offline cause), `DLE EOT 4` (paper roll sensor).
const STATUS_REQUEST: [u8; 9] = [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04];

/// What the three status bytes say; None when the printer can print.
pub fn fault_from_status(status: [u8; 3]) -> Option<Fault> {
    let [printer, cause, paper] = status;
    if cause & 0x04 != 0 {
        Some(Fault::CoverOpen)
    } else if paper & 0x60 == 0x60 || cause & 0x20 != 0 {
        Some(Fault::PaperOut)
    } else if printer & 0x08 != 0 {
        Some(Fault::Offline)
    } else {
        None
    }
}

impl Tcp {
    fn addr(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    fn connect(&self) -> Result<TcpStream, PrintError> {
        let addr = self.addr();
        let addrs: Vec<SocketAddr> =
            (self.host.as_str(), self.port).to_socket_addrs().map_err(|_| PrintError::Unreachable(addr.clone()))?.collect();
        let mut last = PrintError::Unreachable(addr.clone());
        for a in addrs {
            match TcpStream::connect_timeout(&a, self.timeout) {
                Ok(s) => {
                    let _ = s.set_read_timeout(Some(self.timeout));
                    let _ = s.set_write_timeout(Some(self.timeout));
                    let _ = s.set_nodelay(true);
                    return Ok(s);
                }
                Err(e) => {
                    last = match e.kind() {
                        ErrorKind::ConnectionRefused => PrintError::Refused(addr.clone()),
                        ErrorKind::TimedOut | ErrorKind::WouldBlock => PrintError::Timeout(addr.clone()),
                        _ => PrintError::Unreachable(addr.clone()),
                    }
                }
            }
        }
        Err(last)
    }

    /// Ask for the status; `during_job` only changes how a broken connection is reported.
    fn status(&self, s: &mut TcpStream) -> Result<Option<Fault>, PrintError> {
        s.write_all(&STATUS_REQUEST).map_err(|_| PrintError::Disconnected)?;
        let mut reply = [0u8; 3];
        match s.read_exact(&mut reply) {
            Ok(()) => Ok(fault_from_status(reply)),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => Err(PrintError::NoReply),
            Err(_) => Err(PrintError::Disconnected),
        }
    }
}

impl Transport for Tcp {
    fn send(&mut self, bytes: &[u8]) -> Result<(), PrintError> {
        let mut s = self.connect()?;
        if self.status_check {
            if let Some(f) = self.status(&mut s)? {
                return Err(PrintError::Fault(f));
            }
        }
        s.write_all(bytes).and_then(|_| s.flush()).map_err(|_| PrintError::Disconnected)?;
        if self.status_check {
            if let Some(f) = self.status(&mut s)? {
                return Err(PrintError::FaultDuringJob(f));
            }
        }
        let _ = s.shutdown(std::net::Shutdown::Write);
        Ok(())
    }
}

/// A serial port at a baud rate (8 data bits, no parity, one stop bit, no flow control).
pub struct Serial {
    pub path: PathBuf,
    pub baud: u32,
}

impl Transport for Serial {
    fn send(&mut self, bytes: &[u8]) -> Result<(), PrintError> {
        use rustix::termios::{tcdrain, tcgetattr, tcsetattr, OptionalActions};
        let mut f = OpenOptions::new().read(true).write(true).open(&self.path).map_err(|e| open_error(&self.path, e))?;
        let name = self.path.display().to_string();
        let mut t = tcgetattr(&f).map_err(|e| PrintError::Serial(format!("{name}: {e}")))?;
        t.make_raw();
        t.set_speed(self.baud).map_err(|e| PrintError::Serial(format!("{name}: {} {e}", self.baud)))?;
        tcsetattr(&f, OptionalActions::Now, &t).map_err(|e| PrintError::Serial(format!("{name}: {e}")))?;
        f.write_all(bytes).map_err(|_| PrintError::Disconnected)?;
        tcdrain(&f).map_err(|_| PrintError::Disconnected)
    }
}

/// A CUPS queue set up for raw jobs: `lp -d QUEUE -o raw`.
pub struct Cups {
    pub queue: String,
}

impl Transport for Cups {
    fn send(&mut self, bytes: &[u8]) -> Result<(), PrintError> {
        let mut child = Command::new("lp")
            .args(["-s", "-d", &self.queue, "-o", "raw"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| PrintError::Cups(format!("lp: {e}")))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(bytes);
        }
        let out = child.wait_with_output().map_err(|e| PrintError::Cups(format!("lp: {e}")))?;
        if out.status.success() {
            Ok(())
        } else {
            let msg = String::from_utf8_lossy(&out.stderr).lines().next().unwrap_or("").trim().to_string();
            Err(PrintError::Cups(if msg.is_empty() { format!("lp: {}", out.status) } else { msg }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_bytes() {
        assert_eq!(fault_from_status([0x12, 0x12, 0x12]), None);
        assert_eq!(fault_from_status([0x1a, 0x32, 0x72]), Some(Fault::PaperOut));
        assert_eq!(fault_from_status([0x1a, 0x16, 0x12]), Some(Fault::CoverOpen));
        assert_eq!(fault_from_status([0x1a, 0x12, 0x12]), Some(Fault::Offline));
    }

    #[test]
    fn a_missing_device_and_a_refused_connection_say_so() {
        let mut d = DeviceFile { path: "/nonexistent/usb/lp9".into() };
        assert_eq!(d.send(b"x"), Err(PrintError::NotFound("/nonexistent/usb/lp9".into())));
        // A port nobody listens on: bind one, learn its number, close it.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut t = Tcp { host: "127.0.0.1".into(), port, timeout: Duration::from_secs(2), status_check: true };
        assert_eq!(t.send(b"x"), Err(PrintError::Refused(format!("127.0.0.1:{port}"))));
    }

    #[test]
    fn a_plain_file_gets_every_job_appended() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = PlainFile { path: dir.path().join("out.bin") };
        f.send(b"one").unwrap();
        f.send(b"two").unwrap();
        assert_eq!(std::fs::read(dir.path().join("out.bin")).unwrap(), b"onetwo");
        let mut bad = PlainFile { path: dir.path().join("no/such/dir/out.bin") };
        assert!(matches!(bad.send(b"x"), Err(PrintError::NotFound(_))));
    }
}
