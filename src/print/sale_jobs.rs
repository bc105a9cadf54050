//! Print jobs of a sale: the receipt, a dispensing label (etiket) for each drug line sold on a
//! prescription, and a dynamic QRIS code for the amount due. Laid out in the site's language.

use super::docs::{self, DrugLabel, LabelKind, Payment, PaymentMethod, Receipt, ReceiptLine, Vat};
use super::doc::{DocKind, Document};
use super::{routed_job, JobRef, NewPrintJob};
use crate::config::Config;
use crate::domain::cart::{Method, VAT_PERMILLE};
use crate::domain::money::{format_milli, format_rupiah};
use crate::store::sales::CommittedSale;
use crate::text::Text;

/// The receipt and the labels, to be stored in the sale's own transaction.
pub fn sale_jobs(config: &Config, sale: &CommittedSale, pharmacist: &str) -> Vec<NewPrintJob> {
    let site = &config.site;
    let t = Text::new(site.lang);
    let reference = || JobRef { table: Some("sales".into()), id: Some(sale.id) };
    let lines = sale
        .lines
        .iter()
        .map(|l| ReceiptLine {
            name: l.product.name.clone(),
            qty_milli: l.qty_milli,
            unit: (!l.product.by_piece()).then(|| l.product.unit.clone()),
            unit_price: l.unit_price,
            amount: l.amount,
            discount: l.discount,
        })
        .collect();
    let payments = sale
        .payments
        .iter()
        .map(|(tender, counts)| Payment {
            method: match tender.method {
                Method::Cash => PaymentMethod::Cash,
                Method::Qris => PaymentMethod::Qris,
                Method::MemberCredit => PaymentMethod::MemberCredit,
            },
            // Cash shows what was handed over; the change line follows.
            amount: if tender.method == Method::Cash { tender.amount } else { *counts },
            reference: tender.reference.clone(),
        })
        .collect();
    let receipt = Receipt {
        number: sale.number.clone(),
        cashier: sale.cashier.clone(),
        time: sale.at,
        lines,
        subtotal: sale.total - sale.rounding + sale.discount,
        discount: sale.discount,
        rounding: sale.rounding,
        total: sale.total,
        vat: (sale.vat > 0).then_some(Vat { rate_permille: VAT_PERMILLE, base: sale.vat_base, tax: sale.vat }),
        payments,
        change: sale.change,
        member: sale.member.as_ref().map(|m| format!("{} {}", m.member_no, m.name)),
        open_drawer: sale.payments.iter().any(|(p, _)| p.method == Method::Cash),
    };
    let mut jobs = vec![routed_job(config, &docs::receipt(&t, site, &receipt), reference())];
    for l in &sale.lines {
        let (Some(drug), Some(rx)) = (&l.product.drug, &l.prescription) else { continue };
        let first = l.takes.first();
        let label = DrugLabel {
            kind: if drug.label == "external" { LabelKind::External } else { LabelKind::Oral },
            number: rx.number.clone(),
            time: sale.at,
            patient: rx.patient.clone(),
            drug: format!("{} {}", drug.generic_name, drug.strength),
            quantity: label_quantity(l.qty_milli, &l.product.unit, &drug.form, drug.pieces_per_unit),
            directions: rx.directions.clone(),
            note: (drug.form.contains("sirup") || drug.form.contains("suspensi")).then(|| t.label_shake().to_string()),
            batch: first.and_then(|t| t.batch_no.clone()),
            expiry: first.and_then(|t| t.expiry).map(|d| d.format("%d-%m-%Y").to_string()),
            pharmacist: pharmacist.to_string(),
            barcode: l.product.barcode.clone(),
        };
        jobs.push(routed_job(config, &docs::drug_label(&t, site, &label), reference()));
    }
    jobs
}

/// The quantity on a label, in the unit sold, with the pieces inside when the catalog knows them:
/// `2 strip (20 kapsul)`; `1 botol`. (The form alone, `2 kapsul`, read as two capsules when two
/// strips were sold.)
pub fn label_quantity(qty_milli: i64, unit: &str, form: &str, pieces_per_unit: Option<i64>) -> String {
    let sold = format!("{} {unit}", format_milli(qty_milli));
    match pieces_per_unit {
        Some(n) if !form.is_empty() && unit != form => format!("{sold} ({} {form})", format_milli(qty_milli * n)),
        _ => sold,
    }
}

/// A slip with the dynamic QRIS code for the amount due.
pub fn qris_slip(config: &Config, payload: &str, amount: i64) -> NewPrintJob {
    let site = &config.site;
    let t = Text::new(site.lang);
    let mut d = Document::new(DocKind::Receipt);
    d.title(site.name.clone());
    d.center(t.qris_slip_title());
    d.big(format_rupiah(amount));
    d.qr(payload.to_string());
    d.center(t.qris_slip_note());
    d.cut();
    routed_job(config, &d, JobRef::default())
}

#[cfg(test)]
mod tests {
    use super::label_quantity;

    #[test]
    fn labels_say_the_unit_sold_and_the_pieces_inside() {
        assert_eq!(label_quantity(2_000, "strip", "kapsul", Some(10)), "2 strip (20 kapsul)");
        assert_eq!(label_quantity(1_000, "botol", "sirup", None), "1 botol");
        assert_eq!(label_quantity(3_000, "tablet", "tablet", Some(1)), "3 tablet");
    }
}
