//! Every style and every decorative symbol in one place. Colours are the 16 ANSI colours only, so
//! the Linux console and cheap terminals show them; `NO_COLOR` turns colour off, and the ASCII
//! mode (automatic on the Linux console, `--ascii` to force) draws borders with + - |.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub ascii: bool,
    pub color: bool,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn new(ascii: bool, color: bool) -> Theme {
        Theme { ascii, color }
    }

    /// Decide from the environment: ASCII on the Linux console, no colour with NO_COLOR.
    pub fn detect(force_ascii: bool) -> Theme {
        let term = std::env::var("TERM").unwrap_or_default();
        let ascii = force_ascii || term == "linux" || term == "vt100" || term == "vt220";
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Theme { ascii, color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    pub fn status_bar(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Blue)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn status_user(&self) -> Style {
        self.status_bar().add_modifier(Modifier::BOLD)
    }

    pub fn footer_key(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn footer_label(&self) -> Style {
        Style::new()
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::LightGreen)
    }

    pub fn label(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn field(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn field_focused(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn disabled(&self) -> Style {
        self.dim().add_modifier(Modifier::CROSSED_OUT)
    }

    pub fn bullet(&self) -> &'static str {
        if self.ascii {
            "*"
        } else {
            "•"
        }
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.ascii {
            "..."
        } else {
            "…"
        }
    }

    /// The character a PIN is masked with.
    pub fn mask(&self) -> char {
        if self.ascii {
            '*'
        } else {
            '●'
        }
    }
}
