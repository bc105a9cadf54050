//! Where Loket keeps its files by default (XDG directories through `directories`), each
//! overridable on the command line or in the environment.

use directories::ProjectDirs;
use std::path::{Path, PathBuf};

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("id", "Koperasi", "loket")
}

pub fn data_dir() -> PathBuf {
    dirs().map(|d| d.data_dir().to_path_buf()).unwrap_or_else(|| PathBuf::from("."))
}

pub fn config_dir() -> PathBuf {
    dirs().map(|d| d.config_dir().to_path_buf()).unwrap_or_else(|| PathBuf::from("."))
}

pub fn default_db() -> PathBuf {
    data_dir().join("loket.db")
}

pub fn demo_db() -> PathBuf {
    data_dir().join("demo.db")
}

/// The site's settings installed by the Debian package, used when the user has none of their own.
pub const SYSTEM_CONFIG: &str = "/etc/loket/config.toml";

/// The user's config.toml, or the system-wide one when only that exists.
pub fn default_config() -> PathBuf {
    let user = config_dir().join("config.toml");
    if !user.exists() && Path::new(SYSTEM_CONFIG).exists() {
        return PathBuf::from(SYSTEM_CONFIG);
    }
    user
}

pub fn default_keymap() -> PathBuf {
    config_dir().join("keymap.toml")
}

pub fn log_file() -> PathBuf {
    data_dir().join("loket.log")
}
