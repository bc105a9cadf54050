//! Queue texts: the counter screen, tickets, calls and the waiting-room board.

use super::{Lang, Text};

texts! {
    nothing_in_service => "Belum ada tiket yang dilayani; panggil dulu.", "No ticket in service; call one first.";
    queue_empty => "Antrean kosong: tidak ada yang menunggu.", "The queue is empty: nobody is waiting.";
    minutes_short => "mnt", "min";
    in_service => "Sedang dilayani", "In service";
    none_in_service => "belum ada", "none";
    nobody_waiting => "tidak ada yang menunggu", "nobody is waiting";
    choose_service => "Layanan (huruf atau panah):", "Service (letter or arrows):";
    choose_priority => "Prioritas (angka):", "Priority (digit):";
    no_priority => "tidak", "none";
    take_ticket_title => "Ambil tiket", "Take a ticket";
    transfer_title => "Alihkan ke layanan", "Transfer to service";
    board_title => "Antrean", "Queue";
    board_recent => "Panggilan terakhir", "Recent calls";
    board_none => "Belum ada panggilan", "No calls yet";
}

impl Text {
    /// Column heads of today's queue figures (times in minutes, average/90th percentile).
    pub fn stats_columns(&self) -> [&'static str; 7] {
        match self.lang {
            Lang::Id => ["Hari ini", "Ambil", "Layani", "Lewat", "Antre", "Tunggu r/p90", "Layan r/p90"],
            Lang::En => ["Today", "Taken", "Served", "Skip", "Wait", "Wait a/p90", "Serve a/p90"],
        }
    }

    pub fn unknown_service(&self, code: &str) -> String {
        self.choose(format!("Layanan \"{code}\" tidak ada di pengaturan."), format!("There is no service \"{code}\" in the settings."))
    }

    pub fn unknown_priority(&self, p: &str) -> String {
        self.choose(
            format!("Kelompok prioritas \"{p}\" tidak dikenal; pakai lansia, ibu-hamil, disabilitas atau anak."),
            format!("Unknown priority group \"{p}\"; use lansia, ibu-hamil, disabilitas or anak."),
        )
    }

    /// The queue ticket as text (the printed ticket's content).
    #[allow(clippy::too_many_arguments)]
    pub fn ticket_preview(&self, site: &str, label: &str, service: &str, priority: Option<&str>, when: &str, ahead: i64, minutes: i64) -> String {
        let prio = priority.map(|p| format!("{}: {p}\n", self.pick("Prioritas", "Priority"))).unwrap_or_default();
        self.choose(
            format!("{site}\nNomor antrean\n{label}\n{service}\n{prio}{when}\nDi depan Anda: {ahead} orang\nPerkiraan tunggu: {minutes} menit\n"),
            format!("{site}\nQueue number\n{label}\n{service}\n{prio}{when}\nAhead of you: {ahead}\nEstimated wait: {minutes} minutes\n"),
        )
    }

    pub fn priority_group(&self, g: crate::domain::queue::PriorityGroup) -> &'static str {
        use crate::domain::queue::PriorityGroup::*;
        match g {
            Elderly => self.pick("lansia", "elderly"),
            Pregnant => self.pick("ibu hamil", "pregnant"),
            Disabled => self.pick("disabilitas", "disabled"),
            Child => self.pick("anak", "child"),
        }
    }

    pub fn calling(&self, ticket: &str, counter: &str) -> String {
        self.choose(format!("Memanggil {ticket} ke {counter}."), format!("Calling {ticket} to {counter}."))
    }

    pub fn called_after_finishing(&self, ticket: &str, counter: &str, finished: &str) -> String {
        self.choose(
            format!("{finished} selesai. Memanggil {ticket} ke {counter}."),
            format!("{finished} finished. Calling {ticket} to {counter}."),
        )
    }

    pub fn recalling(&self, ticket: &str) -> String {
        self.choose(format!("Memanggil ulang {ticket}."), format!("Calling {ticket} again."))
    }

    pub fn skipped(&self, ticket: &str) -> String {
        self.choose(
            format!("{ticket} dilewati; bisa dipanggil ulang hari ini."),
            format!("{ticket} skipped; it can be recalled today."),
        )
    }

    pub fn finished(&self, ticket: &str) -> String {
        self.choose(format!("{ticket} selesai."), format!("{ticket} finished."))
    }

    pub fn transferred(&self, ticket: &str, code: &str, name: &str) -> String {
        self.choose(format!("{ticket} dialihkan ke {code} {name}."), format!("{ticket} transferred to {code} {name}."))
    }

    pub fn ticket_taken(&self, ticket: &str, priority: Option<&str>, ahead: i64, minutes: i64) -> String {
        let p = priority.map(|p| format!(" ({p})")).unwrap_or_default();
        self.choose(
            format!("Tiket {ticket}{p}: {ahead} orang di depan, perkiraan {minutes} menit."),
            format!("Ticket {ticket}{p}: {ahead} ahead, about {minutes} minutes."),
        )
    }

    pub fn called_at(&self, h: u32, m: u32, waited: i64) -> String {
        self.choose(format!("  dipanggil {h:02}:{m:02} ({waited} mnt lalu)"), format!("  called {h:02}:{m:02} ({waited} min ago)"))
    }

    pub fn ticket_patient(&self, name: Option<&str>) -> String {
        let n = name.unwrap_or("-");
        self.choose(format!("  pasien: {n}"), format!("  patient: {n}"))
    }

    pub fn skipped_today(&self, n: usize) -> String {
        self.choose(format!("Terlewat hari ini ({n})"), format!("Skipped today ({n})"))
    }

    pub fn waiting_count(&self, n: usize) -> String {
        self.choose(format!("Menunggu ({n})"), format!("Waiting ({n})"))
    }

    /// The ordering rule in words, for the counter screen's help.
    pub fn ordering_rule(&self, rule: &crate::domain::queue::OrderingRule) -> String {
        let k = rule.priority_run;
        let limit = match rule.normal_max_wait.map(|d| d.num_minutes()) {
            Some(m) => self.choose(
                format!(" Tiket biasa yang sudah menunggu {m} menit dipanggil berikutnya."),
                format!(" A normal ticket that has waited {m} minutes is called next."),
            ),
            None => String::new(),
        };
        self.choose(
            format!("Urutan: tiket prioritas (lansia, ibu hamil, disabilitas, anak) dipanggil sebelum tiket biasa; setelah {k} panggilan prioritas berturut-turut sementara tiket biasa menunggu, tiket biasa terlama dipanggil.{limit}"),
            format!("Order: priority tickets (elderly, pregnant, disabled, children) are called before normal tickets; after {k} priority calls in a row while normal tickets wait, the longest-waiting normal ticket is called.{limit}"),
        )
    }
}

impl Text {
    /// Under an amount being typed (a float, cash in or out, the count).
    pub fn entry_hint(&self, save: &str, cancel: &str) -> String {
        self.choose(format!("{save} = simpan, {cancel} = batal"), format!("{save} = save, {cancel} = cancel"))
    }

    pub fn pick_hint(&self, choose: &str, cancel: &str) -> String {
        self.choose(format!("{choose} = pilih, {cancel} = batal"), format!("{choose} = choose, {cancel} = cancel"))
    }
}
