//! Rendering a 30-line sale receipt to ESC/POS bytes (layout, transliteration, the escpos
//! writer), on 80 mm and 58 mm paper. The target is under 1 ms.

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use loket::config::{Site, Zone};
use loket::print::docs::{receipt, Payment, PaymentMethod, Receipt, ReceiptLine, Vat};
use loket::print::{render, Profile};
use loket::text::{Lang, Text};
use std::hint::black_box;

fn thirty_lines() -> Receipt {
    let names = ["Beras Premium Cap Ayam Jago 5 kg", "Minyakita 1 L", "Gula Pasir Kristal Putih", "Telur Ayam Ras", "Tepung Terigu Segitiga Biru 1 kg"];
    let lines: Vec<ReceiptLine> = (0..30)
        .map(|i| {
            let price = 5_000 + 1_250 * i as i64;
            let weighed = i % 4 == 3;
            let qty_milli = if weighed { 1_250 } else { 1_000 + 1_000 * (i as i64 % 3) };
            ReceiptLine {
                name: format!("{} #{i}", names[i % names.len()]),
                qty_milli,
                unit: weighed.then(|| "kg".to_string()),
                unit_price: price,
                amount: price * qty_milli / 1000,
                discount: 0,
            }
        })
        .collect();
    let total: i64 = lines.iter().map(|l| l.amount).sum();
    Receipt {
        number: "S-20261123-0042".into(),
        cashier: "budi".into(),
        time: Utc.with_ymd_and_hms(2026, 11, 23, 2, 15, 0).unwrap(),
        lines,
        subtotal: total,
        discount: 0,
        rounding: 0,
        total,
        vat: Some(Vat { rate_permille: 110, base: total * 100 / 111, tax: total - total * 100 / 111 }),
        payments: vec![Payment { method: PaymentMethod::Cash, amount: total + 10_000, reference: None }],
        change: 10_000,
        member: Some("A-0012 Siti Aminah".into()),
        open_drawer: true,
    }
}

fn bench(c: &mut Criterion) {
    let t = Text::new(Lang::Id);
    let site = Site { name: "KDKMP Sukamaju".into(), address: "Desa Sukamaju, Kec. Cibeber, Kab. Cianjur".into(), zone: Zone::Wib, lang: Lang::Id };
    let r = thirty_lines();
    for width in [48u16, 32] {
        let profile = Profile { width, ..Profile::default() };
        c.bench_function(&format!("receipt_30_lines_to_bytes_{width}col"), |b| {
            b.iter(|| {
                let doc = receipt(&t, &site, black_box(&r));
                render(&doc, &profile).unwrap().bytes.len()
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
