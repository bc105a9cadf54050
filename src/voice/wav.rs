//! Joining recorded WAV clips (same format, PCM) into one file, so a call plays without gaps.

use std::path::PathBuf;

struct Parts {
    fmt: Vec<u8>,
    data: Vec<u8>,
}

fn parse(bytes: &[u8]) -> Option<Parts> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return None;
    }
    let (mut fmt, mut data) = (None, None);
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let id = &bytes[i..i + 4];
        let size = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().ok()?) as usize;
        let body = bytes.get(i + 8..(i + 8 + size).min(bytes.len()))?;
        match id {
            b"fmt " => fmt = Some(body.to_vec()),
            b"data" => data = Some(body.to_vec()),
            _ => {}
        }
        i += 8 + size + (size & 1);
    }
    Some(Parts { fmt: fmt?, data: data? })
}

/// Read the clips and return one WAV with their sound in order. All clips must share a format.
pub fn join(files: &[PathBuf]) -> Result<Vec<u8>, String> {
    let mut fmt: Option<Vec<u8>> = None;
    let mut data = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let parts = parse(&bytes).ok_or_else(|| format!("{}: not a WAV file", f.display()))?;
        match &fmt {
            None => fmt = Some(parts.fmt),
            Some(existing) if *existing != parts.fmt => return Err(format!("{}: a different WAV format", f.display())),
            Some(_) => {}
        }
        data.extend_from_slice(&parts.data);
    }
    let fmt = fmt.ok_or("no clips")?;
    let mut out = Vec::with_capacity(44 + data.len());
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&((4 + 8 + fmt.len() + 8 + data.len()) as u32).to_le_bytes());
    out.extend_from_slice(b"WAVE");
    out.extend_from_slice(b"fmt ");
    out.extend_from_slice(&(fmt.len() as u32).to_le_bytes());
    out.extend_from_slice(&fmt);
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&data);
    Ok(out)
}

/// A mono 16-bit PCM WAV of `samples` (used by tests to make clips).
pub fn pcm16(rate: u32, samples: &[i16]) -> Vec<u8> {
    let mut fmt = Vec::new();
    fmt.extend_from_slice(&1u16.to_le_bytes()); // PCM
    fmt.extend_from_slice(&1u16.to_le_bytes()); // mono
    fmt.extend_from_slice(&rate.to_le_bytes());
    fmt.extend_from_slice(&(rate * 2).to_le_bytes());
    fmt.extend_from_slice(&2u16.to_le_bytes());
    fmt.extend_from_slice(&16u16.to_le_bytes());
    let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&((4 + 8 + fmt.len() + 8 + data.len()) as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&(fmt.len() as u32).to_le_bytes());
    out.extend_from_slice(&fmt);
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&data);
    out
}

/// The number of PCM data bytes in a WAV (0 when it is not one).
pub fn data_len(bytes: &[u8]) -> usize {
    parse(bytes).map(|p| p.data.len()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_join_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.wav");
        let b = dir.path().join("b.wav");
        std::fs::write(&a, pcm16(8000, &[1, 2, 3])).unwrap();
        std::fs::write(&b, pcm16(8000, &[4, 5])).unwrap();
        let joined = join(&[a.clone(), b.clone(), a.clone()]).unwrap();
        assert_eq!(joined, pcm16(8000, &[1, 2, 3, 4, 5, 1, 2, 3]));
        std::fs::write(&b, pcm16(16000, &[4])).unwrap();
        assert!(join(&[a, b]).unwrap_err().contains("different WAV format"));
    }
}
