//! The spoken call, played where the waiting-room board runs. Calls wait in a queue and are
//! played one after another by a worker thread, so a new call never cuts off the one playing.
//! Speech comes from espeak-ng, or from a folder of recorded clips joined into one WAV. With
//! `wav_dir` set, each call is written there as a WAV file instead of being played. A missing
//! program or audio device is a line in the log, never an error on screen.

pub mod wav;

use crate::config::{VoiceEngine, VoiceSettings};
use crate::domain::queue::{call_clips, call_sentence};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{channel, Sender};
use std::thread::JoinHandle;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub sentence: String,
    pub clips: Vec<String>,
    /// A name for the WAV written in `wav_dir` mode (the event id keeps them in order).
    pub name: String,
}

impl Announcement {
    pub fn for_call(prefix: &str, number: i64, counter: u32, event_id: i64) -> Announcement {
        Announcement {
            sentence: call_sentence(prefix, number, counter),
            clips: call_clips(prefix, number, counter),
            name: format!("call-{event_id:08}"),
        }
    }
}

/// The announcer: `announce` returns at once; the worker plays calls in order.
pub struct Announcer {
    tx: Option<Sender<Announcement>>,
    worker: Option<JoinHandle<()>>,
}

impl Announcer {
    pub fn start(settings: VoiceSettings, log: PathBuf) -> Announcer {
        if settings.engine == VoiceEngine::Off {
            return Announcer { tx: None, worker: None };
        }
        let (tx, rx) = channel::<Announcement>();
        let worker = std::thread::spawn(move || {
            for a in rx {
                if let Err(problem) = play(&settings, &a) {
                    log_line(&log, &format!("voice: {}: {problem}", a.sentence));
                }
            }
        });
        Announcer { tx: Some(tx), worker: Some(worker) }
    }

    pub fn announce(&self, a: Announcement) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(a);
        }
    }

    /// Let queued calls finish playing, then stop the worker.
    pub fn finish(mut self) {
        self.tx.take();
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

fn log_line(log: &Path, line: &str) {
    if let Some(dir) = log.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
        let _ = writeln!(f, "{} {line}", chrono::Utc::now().to_rfc3339());
    }
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).output().map_err(|e| {
        let program = cmd.get_program().to_string_lossy().into_owned();
        format!("{program}: {e}")
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}: {}", cmd.get_program().to_string_lossy(), String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// Play (or write) one call; returns only when it has finished.
pub fn play(settings: &VoiceSettings, a: &Announcement) -> Result<(), String> {
    match settings.engine {
        VoiceEngine::Off => Ok(()),
        VoiceEngine::Espeak => {
            let mut cmd = Command::new("espeak-ng");
            cmd.arg("-v").arg(&settings.voice).arg("-s").arg("140");
            if let Some(dir) = &settings.wav_dir {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                cmd.arg("-w").arg(dir.join(format!("{}.wav", a.name)));
            }
            run(cmd.arg(&a.sentence))
        }
        VoiceEngine::Clips => {
            let dir = settings.clips_dir.as_deref().ok_or("no clips_dir")?;
            let files: Vec<PathBuf> = a.clips.iter().map(|c| dir.join(format!("{c}.wav"))).collect();
            let joined = wav::join(&files)?;
            match &settings.wav_dir {
                Some(out) => {
                    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
                    std::fs::write(out.join(format!("{}.wav", a.name)), joined).map_err(|e| e.to_string())
                }
                None => {
                    let tmp = std::env::temp_dir().join(format!("loket-{}.wav", a.name));
                    std::fs::write(&tmp, joined).map_err(|e| e.to_string())?;
                    let result = run(Command::new("aplay").arg("-q").arg(&tmp));
                    let _ = std::fs::remove_file(&tmp);
                    result
                }
            }
        }
    }
}
