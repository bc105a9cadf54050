//! Where Loket keeps its files by default (XDG directories through `directories`), each
//! overridable on the command line or in the environment.

use directories::ProjectDirs;
use std::path::PathBuf;

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

pub fn default_config() -> PathBuf {
    config_dir().join("config.toml")
}

pub fn default_keymap() -> PathBuf {
    config_dir().join("keymap.toml")
}

pub fn log_file() -> PathBuf {
    data_dir().join("loket.log")
}
