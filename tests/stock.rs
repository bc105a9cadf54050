//! Stock and setup on the real store: finding products by any spelling (barcode and PLU first,
//! the generic name, the same index after a catalog import).

mod common;
use common::*;
use loket::demo::demo_catalog;
use loket::store::Actor;

fn names(found: &[loket::store::stock::Product]) -> Vec<String> {
    found.iter().map(|p| p.name.clone()).collect()
}

#[test]
fn a_drug_is_found_by_any_spelling_and_by_its_generic_name() {
    let (_d, store) = demo_store();
    let first = |q: &str| store.search_products(q, 10).unwrap().first().map(|p| p.name.clone()).unwrap_or_default();
    assert_eq!(first("paracetamol"), "Parasetamol 500 mg");
    assert_eq!(first("Paracetamol 500"), "Parasetamol 500 mg");
    assert_eq!(first("amoxicillin"), "Amoksisilin 500 mg");
    assert_eq!(first("amoxicil"), "Amoksisilin 500 mg", "while it is being typed");
    assert_eq!(first("vitamin c"), "Vitamin C 50 mg");
    assert_eq!(first("vitamin c "), "Vitamin C 50 mg");
    assert_eq!(first("klorfeniramin"), "CTM 4 mg", "the generic name");
    assert_eq!(first("chlorpheniramine"), "CTM 4 mg");
    assert_eq!(first("asam ascorb"), "Vitamin C 50 mg", "asam askorbat: c is k before o");
    assert_eq!(first("dextromethorphan"), "Dekstrometorfan 15 mg");
    assert_eq!(first("amlodipine"), "Amlodipin 5 mg");
    assert!(store.search_products("zzzz", 10).unwrap().is_empty());
    // Part of a word that the index does not start with: the names that contain it.
    assert_eq!(first("setamol"), "Parasetamol 500 mg");
}

#[test]
fn an_exact_barcode_or_plu_comes_first() {
    let (_d, mut store) = demo_store();
    let (products, _) = demo_catalog(fixed_now());
    let ctm = products.iter().find(|p| p.name == "CTM 4 mg").unwrap().barcode.clone().unwrap();
    assert_eq!(names(&store.search_products(&ctm, 10).unwrap())[0], "CTM 4 mg");
    // A PLU made of digits that are also in a product's name: the PLU's product is first.
    let gula = store.product_id_by_barcode(products[3].barcode.as_deref().unwrap()).unwrap().unwrap();
    store.set_plu(&Actor::system("test"), gula, "500", fixed_now()).unwrap();
    let found = names(&store.search_products("500", 10).unwrap());
    assert_eq!(found[0], "Gula Pasir 1 kg", "{found:?}");
    assert!(found.contains(&"Parasetamol 500 mg".to_string()), "then the names: {found:?}");
}

#[test]
fn an_imported_product_is_found_by_its_spelling_too() {
    let (_d, mut store) = demo_store();
    let mut rows = store.catalog().unwrap();
    let mut p = rows.iter().find(|p| p.name == "Ibuprofen 200 mg").unwrap().clone();
    p.name = "Cetirizine 10 mg".into();
    p.barcode = Some("2990000000019".into());
    if let Some(d) = p.drug.as_mut() {
        d.generic_name = "Setirizin".into();
    }
    rows = vec![p];
    store.import_catalog(&Actor::system("test"), &rows, fixed_now()).unwrap();
    assert_eq!(names(&store.search_products("setirizin", 5).unwrap()), vec!["Cetirizine 10 mg"]);
    // A renamed product leaves its old name behind in the index.
    let mut again = store.catalog().unwrap().into_iter().find(|p| p.name == "Cetirizine 10 mg").unwrap();
    again.name = "Loratadin 10 mg".into();
    if let Some(d) = again.drug.as_mut() {
        d.generic_name = "Loratadin".into();
    }
    store.import_catalog(&Actor::system("test"), &[again], fixed_now()).unwrap();
    assert!(store.search_products("setirizin", 5).unwrap().is_empty());
    assert_eq!(names(&store.search_products("loratadine", 5).unwrap()), vec!["Loratadin 10 mg"]);
}

#[test]
fn people_are_found_in_the_old_spelling() {
    use loket::domain::search::parse_query;
    use loket::store::patients::PatientFields;
    let (_d, mut store) = demo_store();
    let clerk = Actor::system("test");
    for (name, nik) in [("Wahyu Suryadi", "3204120101800001"), ("Dedi Cahyono", "3204120202810002")] {
        let f = PatientFields { nik: Some(nik.into()), name: name.into(), sex: "L".into(), birth_date: "1980-01-01".parse().ok(), ..Default::default() };
        store.register_patient(&clerk, &f, "RM-", 6, fixed_now()).unwrap().unwrap();
    }
    let today = fixed_now().date_naive();
    let found = |q: &str| store.search_patients(&parse_query(q), today, 20).unwrap().into_iter().map(|h| h.patient.name).collect::<Vec<_>>();
    for q in ["wahju surjadi", "Wahju Surjadi ", "wahyu surj", "Dedy Tjahjono", "dedy tjah"] {
        let hits = found(q);
        assert!(hits.iter().any(|n| n == "Wahyu Suryadi" || n == "Dedi Cahyono"), "{q}: {hits:?}");
    }
}
