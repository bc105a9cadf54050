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

# The services (each its own line of tickets) and the counters that call from them.
# Defaults: A Pendaftaran, B Pemeriksaan/CKG, C Apotek, D Kasir/Sembako; Loket 1 [A],
# Loket 2 [B], Loket 3 [C, D].
# [[services]]
# code = "A"               # one letter: the ticket prefix (A-001)
# name = "Pendaftaran"
# cluster = 1              # ILP cluster 1-5 (optional)
# [[counters]]
# number = 1
# name = "Loket 1"
# services = ["A"]

[queue]
counter = 1                     # which counter this terminal is (also --counter, LOKET_COUNTER)
priority_calls_before_normal = 3   # then the longest-waiting normal ticket, if one waits
normal_max_wait_minutes = 60       # a normal ticket waiting this long goes next (0 = never)
default_service_minutes = 5     # the wait estimate before anyone was served today

[voice]
engine = "espeak"               # espeak, clips or off
voice = "id"                    # the espeak-ng voice
# clips_dir = "/var/lib/loket/clips"
# wav_dir = "/tmp/calls"        # write each call as a WAV instead of playing it

[patients]
rm_prefix = "RM-"               # medical record numbers: RM-0000001
rm_digits = 7

[ckg]
window = "birthday"             # birthday (to days_after_birthday after it) or year
days_after_birthday = 30
bmi_cutoffs = "kemenkes"        # adult BMI classes: kemenkes (18,5/25/27) or asia-pacific (18,5/23/25/30)

[sales]
vat = false                     # true above Rp4,8 miliar turnover: prices include 11 % VAT
expiring_days = 30              # batches expiring within this many days warn
block_near_expiry = false       # refuse them instead
weighed_layout = "PPIIIIIVVVVVC"
weighed_value = "weight"        # weight (grams) or price (rupiah)
member_credit_limit = 500000
low_stock_units = 5
change_confirm_above = 100000   # change above this and above the bill is confirmed twice
cash_rounding = 0               # 0 (none), 100, 500 or 1000: cash only, printed as its own line
cash_rounding_mode = "nearest"  # nearest (half up) or down
# Discounts and price changes: the roles that may give them; above the amount (and for any other
# role) a supervisor's PIN is needed. Supervisors and admins always may.
discount_roles = ["cashier", "pharmacy"]
price_change_roles = []
discount_approval_above = 10000
# qris_payload = "000201010211..."   # the merchant's static QRIS

[sales.drugs]                   # free, prescription or refused
bebas = "free"
bebas_terbatas = "free"
keras = "prescription"
oot = "refused"
psikotropika = "refused"
narkotika = "refused"

# Members: savings, loans and the share of surplus, as the bylaws (AD/ART) set them.
[members]
pokok = 100000                  # simpanan pokok, once on joining
wajib = 20000                   # simpanan wajib, each month
withdrawal_approval_above = 1000000   # a sukarela withdrawal above this needs a supervisor
number_prefix = "A"             # member numbers A-000001

[members.arrears]               # days overdue past which a loan is graded (kolektibilitas)
kurang_lancar = 90
diragukan = 180
macet = 270

[members.shu]                   # the members' surplus: reward for capital / for use, percent
capital_percent = 40
use_percent = 60

[[members.loans]]
name = "Pinjaman Umum"
rate_percent_month = "1.5"      # per month, up to two decimals
method = "flat"                 # flat (on the loan) or declining (on what is still owed)
max_tenor_months = 24
max_amount = 10000000
admin_fee = 25000
late_fee_per_day = 1000         # or late_fee_per_installment

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

# Several printers by role, instead of (or beside) [printer]: each takes the keys of [printer]
# plus a name; [printer_for] sends a kind of document (receipt, ticket, ckg-slip, drug-label,
# shift-x, shift-z, test-page) to one of them; the rest go to the default printer.
# [[printers]]
# name = "kasir"
# transport = "device"
# path = "/dev/usb/lp0"
# width = 48
# [[printers]]
# name = "kios"
# transport = "tcp"
# host = "192.168.1.51"
# width = 32
# [printer_for]
# ticket = "kios"

# SATUSEHAT, the national health-data platform (none until configured; CKG results wait).
# [satusehat]
# environment = "sandbox"          # sandbox or production (or base_url = "https://...")
# organization_id = "100000000"
# location_id = "ef011065-38c9-46f8-9c35-d1fe68966a3e"
# client_id = "..."
# secret_file = "/etc/loket/satusehat.secret"   # chmod 600, owned by the loket user
# timeout_seconds = 20

# The examination room and the pharmacy: the queue services they call, where referral letters
# go, and per generic drug a daily dose above which the examiner is warned (tablets or ml a
# day) or a free programme it is handed out for (not sold).
# [clinic]
# exam_service = "B"
# pharmacy_service = "C"
# max_days = 90                 # the longest course a prescription covers
# facilities = [
#   { code = "P3604010101", name = "Puskesmas Kalodran", kind = "puskesmas" },
#   { code = "3604015", name = "RSUD dr. Dradjat Prawiranegara", kind = "hospital" },
# ]
# [clinic.drugs.parasetamol]
# max_per_day = 8
# [clinic.drugs.isoniazid]
# programme = "TB"
"#;
