//! Carrying out the receiving screen's operations: reads from the store, the save through
//! `ops::stock`.

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
                Ok(Err(ScanError::Unknown(c) | ScanError::CheckDigit(c))) => reply(ReceivingMsg::Unknown(c)),
                Err(e) => fail(e),
            },
            ReceivingOp::Search(q) => match store.search_products(&q, 50) {
                Ok(hits) => reply(ReceivingMsg::Hits(hits)),
                Err(e) => fail(e),
            },
            ReceivingOp::Save(delivery) => match crate::ops::stock::receive(store, config, &actor, &delivery, now) {
                Ok(r) => reply(ReceivingMsg::Saved { id: r.id, lines: r.lines, value: r.value }),
                Err(e) => reply(ReceivingMsg::Refused(text.store_error(&e))),
            },
        }
    }
}
