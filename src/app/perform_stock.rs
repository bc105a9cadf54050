//! Carrying out the stock and setup screens' operations (receiving, the stock count, users):
//! reads from the store, every change through `ops`.

use super::{App, Msg};
use crate::screens::receiving::{ReceivingMsg, ReceivingOp};
use crate::store::stock::ScanError;

impl App {
    pub(super) fn perform_receiving(&mut self, op: ReceivingOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let actor = self.state.session.as_ref()?.actor();
        let config = &self.state.config;
        let store = &mut self.store;
        let reply = |m: ReceivingMsg| Some(Msg::Receiving(Box::new(m)));
        let fail = |e: crate::store::StoreError| Some(Msg::Failed(text.store_error(&e)));
        match op {
            ReceivingOp::Load => match store.suppliers(20) {
                Ok(list) => reply(ReceivingMsg::Suppliers(list)),
                Err(e) => fail(e),
            },
            ReceivingOp::Scan(code) => match crate::ops::sales::scan(store, config, &code) {
                Ok(Ok(found)) => reply(ReceivingMsg::Found(Box::new(found))),
                Ok(Err(ScanError::Unknown(c))) => reply(ReceivingMsg::Unknown(c)),
                Ok(Err(ScanError::CheckDigit(c))) => reply(ReceivingMsg::Misread(c)),
                Err(e) => fail(e),
            },
            ReceivingOp::Search(q) => match store.search_products(&q, 50) {
                Ok(hits) => reply(ReceivingMsg::Hits(hits)),
                Err(e) => fail(e),
            },
            ReceivingOp::AddProduct(fields) => match crate::ops::stock::add_product(store, &actor, &fields, now) {
                Ok(found) => reply(ReceivingMsg::Found(Box::new(found))),
                Err(e) => reply(ReceivingMsg::Refused(text.store_error(&e))),
            },
            ReceivingOp::Save(delivery) => match crate::ops::stock::receive(store, config, &actor, &delivery, now) {
                Ok(r) => reply(ReceivingMsg::Saved { id: r.id, lines: r.lines, value: r.value }),
                Err(e) => reply(ReceivingMsg::Refused(text.store_error(&e))),
            },
        }
    }
}

impl App {
    pub(super) fn perform_count(&mut self, op: crate::screens::count::CountOp) -> Option<Msg> {
        use crate::screens::count::{Approval, CountMsg, CountOp};
        let now = self.state.now;
        let text = self.state.text;
        let user = self.state.session.clone()?;
        let actor = user.actor();
        let config = &self.state.config;
        let store = &mut self.store;
        let reply = |m: CountMsg| Some(Msg::Count(Box::new(m)));
        let refused = |e: crate::store::StoreError| reply(CountMsg::Refused(text.store_error(&e)));
        match op {
            CountOp::Load => match store.open_count() {
                Ok(sheet) => reply(CountMsg::Loaded(sheet)),
                Err(e) => refused(e),
            },
            CountOp::Start(section) => match crate::ops::stock::start_count(store, &actor, section.as_deref(), now) {
                Ok(sheet) => reply(CountMsg::Loaded(Some(sheet))),
                Err(e) => refused(e),
            },
            CountOp::Record { count_id, product_id, batch_id, counted } => {
                match crate::ops::stock::record_count(store, &actor, count_id, product_id, batch_id, counted, now) {
                    Ok(()) => reply(CountMsg::Recorded { product_id, batch_id, counted }),
                    Err(e) => refused(e),
                }
            }
            CountOp::Approve { count_id, approval, reason } => {
                let approver = match approval {
                    Approval::Session => crate::ops::stock::Approver::Session(user.clone()),
                    Approval::Pin { name, pin } => crate::ops::stock::Approver::Pin { name, pin },
                };
                match crate::ops::stock::approve_count(store, config, &actor, &approver, count_id, &reason, now) {
                    Ok(Ok(sheet)) => reply(CountMsg::Approved(sheet)),
                    Ok(Err(failure)) => reply(CountMsg::Refused(super::failure_message(&self.state, &failure))),
                    Err(e) => refused(e),
                }
            }
        }
    }
}

impl App {
    pub(super) fn perform_users(&mut self, op: crate::screens::users::UsersOp) -> Option<Msg> {
        use crate::screens::users::{UsersMsg, UsersOp};
        let now = self.state.now;
        let text = self.state.text;
        let admin = self.state.session.clone()?;
        let store = &mut self.store;
        Some(Msg::Users(match op {
            UsersOp::Load => match store.user_rows() {
                Ok(rows) => UsersMsg::Loaded(rows),
                Err(e) => UsersMsg::Refused(text.store_error(&e)),
            },
            UsersOp::Change(c) => match crate::ops::users::change(store, &admin, &c, now) {
                Ok(Ok(())) => UsersMsg::Done(text.user_changed(&c)),
                Ok(Err(input)) => UsersMsg::Refused(text.user_input_error(&input)),
                Err(e) => UsersMsg::Refused(text.store_error(&e)),
            },
        }))
    }
}

impl App {
    pub(super) fn perform_products(&mut self, op: crate::screens::products::ProductsOp) -> Option<Msg> {
        use crate::screens::products::{ProductsMsg, ProductsOp};
        let now = self.state.now;
        let text = self.state.text;
        let actor = self.state.session.as_ref()?.actor();
        let config = &self.state.config;
        let today = config.site.zone.business_day(now);
        let store = &mut self.store;
        let reply = |m: ProductsMsg| Some(Msg::Products(Box::new(m)));
        let refused = |e: crate::store::StoreError| reply(ProductsMsg::Refused(text.store_error(&e)));
        match op {
            ProductsOp::ApplyDue => crate::ops::products::apply_due_prices(store, config, &actor, now).err().map(|e| Msg::Failed(text.store_error(&e))),
            ProductsOp::Search(q) => match store.search_products(&q, 50) {
                Ok(hits) => reply(ProductsMsg::Hits(q, hits)),
                Err(e) => refused(e),
            },
            ProductsOp::History(id) => match store.price_history(id, 10) {
                Ok(list) => reply(ProductsMsg::History(id, list)),
                Err(e) => refused(e),
            },
            ProductsOp::Add(fields) => match crate::ops::stock::add_product(store, &actor, &fields, now) {
                Ok(found) => reply(ProductsMsg::Done(text.products_saved(&found.product.name))),
                Err(e) => refused(e),
            },
            ProductsOp::Edit(id, fields) => match crate::ops::products::edit_product(store, &actor, id, &fields, now) {
                Ok(()) => reply(ProductsMsg::Done(text.products_saved(fields.name.trim()))),
                Err(e) => refused(e),
            },
            ProductsOp::ChangePrice { product_id, price, member_price, from } => {
                match crate::ops::products::change_price(store, config, &actor, product_id, price, member_price, from, now) {
                    Ok(()) => reply(ProductsMsg::Done(text.products_price_set(from, today))),
                    Err(e) => refused(e),
                }
            }
            ProductsOp::Label(id) => match crate::ops::products::print_shelf_label(store, config, &actor, id, now) {
                Ok(printed) => reply(ProductsMsg::Done(text.products_label(printed).into())),
                Err(e) => refused(e),
            },
        }
    }
}

impl App {
    pub(super) fn perform_reorder(&mut self, op: crate::screens::reorder::ReorderOp) -> Option<Msg> {
        use crate::screens::reorder::{ReorderMsg, ReorderOp};
        let now = self.state.now;
        let text = self.state.text;
        let actor = self.state.session.as_ref()?.actor();
        let config = &self.state.config;
        Some(Msg::Reorder(match op {
            ReorderOp::Load => {
                let today = config.site.zone.business_day(now);
                let loaded = crate::ops::stock::reorder_list(&self.store, config, now)
                    .and_then(|lines| Ok((lines, self.store.expired_batches(today)?.iter().filter(|b| b.supplier.is_some()).count())));
                match loaded {
                    Ok((lines, expired)) => ReorderMsg::Loaded(lines, expired),
                    Err(e) => ReorderMsg::Failed(text.store_error(&e)),
                }
            }
            ReorderOp::ReturnExpired => match crate::ops::stock::return_expired(&mut self.store, config, &actor, now) {
                Ok((returns, lines)) => ReorderMsg::Returned(text.return_expired_done(returns, lines)),
                Err(e) => ReorderMsg::Failed(text.store_error(&e)),
            },
            ReorderOp::Goods(crate::screens::supplier_return::ReturnOp::Find(text)) => {
                let store = &self.store;
                let found = store.product_by_barcode(&text).and_then(|p| match p {
                    Some(p) => Ok(Some(p)),
                    None => Ok(store.search_products(&text, 1)?.into_iter().next()),
                });
                match found.and_then(|p| Ok(match p {
                    Some(p) => Some((store.batch_stock(p.id)?, p)),
                    None => None,
                })) {
                    Ok(Some((batches, p))) => ReorderMsg::GoodsFound(Box::new(p), batches),
                    Ok(None) => ReorderMsg::GoodsRefused(self.state.text.sale_unknown_code(&text)),
                    Err(e) => ReorderMsg::GoodsRefused(self.state.text.store_error(&e)),
                }
            }
            ReorderOp::Goods(crate::screens::supplier_return::ReturnOp::Save { supplier, reason, lines }) => {
                match crate::ops::stock::return_to_supplier(&mut self.store, config, &actor, &supplier, reason, &lines, now) {
                    Ok(id) => ReorderMsg::GoodsReturned(text.returned(id, lines.len())),
                    Err(crate::store::StoreError::Stock(r)) => ReorderMsg::GoodsRefused(text.stock_refusal(&r)),
                    Err(e) => ReorderMsg::GoodsRefused(text.store_error(&e)),
                }
            }
            ReorderOp::Print => match crate::ops::stock::print_purchase_orders(&mut self.store, config, &actor, now) {
                Ok(n) => ReorderMsg::Printed(text.reorder_printed(n)),
                Err(e) => ReorderMsg::Failed(text.store_error(&e)),
            },
        }))
    }
}
