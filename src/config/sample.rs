//! The sample `config.toml` that `loket init --site` writes: every section, with its defaults.

pub const SAMPLE_CONFIG: &str = r#"# Loket site settings. Every key is optional; these are the defaults.

[site]
name = "Koperasi Desa Merah Putih"
address = ""
# WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9): the clock shown and the business day.
timezone = "WIB"
# id (Bahasa Indonesia) or en (English).
language = "id"

[security]
# Wrong PINs in a row before a user is locked out, and for how many minutes.
max_pin_attempts = 5
lockout_minutes = 5
# Lock an idle counter after this many minutes (0 = never).
idle_lock_minutes = 15

# The receipt printer (none until configured; print jobs then wait in the spool).
# [printer]
# transport = "device"     # none, device, tcp, serial, cups or file
# path = "/dev/usb/lp0"    # device, serial and file
# host = "192.168.1.50"    # tcp
# port = 9100              # tcp
# baud = 9600              # serial
# queue = "struk"          # cups (a raw queue)
# width = 48               # characters per line: 32 on 58 mm paper, 48 on 80 mm
# qr = "native"            # native, or image for printers without QR support
# cut = "partial"          # full, partial or none
# drawer_pin = 2           # 2 or 5
# code_page = "pc437"      # pc437, pc850, pc858 or wpc1252
# status_check = true      # tcp: ask for paper and cover state around each job
# timeout_seconds = 5

# SATUSEHAT, the national health-data platform (none until configured; CKG results wait).
# [satusehat]
# environment = "sandbox"          # sandbox or production (or base_url = "https://...")
# organization_id = "100000000"
# location_id = "ef011065-38c9-46f8-9c35-d1fe68966a3e"
# client_id = "..."
# secret_file = "/etc/loket/satusehat.secret"   # chmod 600, owned by the loket user
# timeout_seconds = 20
"#;
