#!/usr/bin/env python3
"""A fake SATUSEHAT for tests/sync.rs and benches/sync.rs, on 127.0.0.1 and a free port.

Implements POST {base}/oauth2/v1/accesstoken, GET {base}/fhir-r4/v1/Patient|Practitioner|
Encounter?identifier=SYSTEM|VALUE, GET {base}/fhir-r4/v1/Observation?encounter=Encounter/ID and POST {base}/fhir-r4/v1 (a transaction Bundle, answered
with a transaction-response Bundle). Entries are POST (create) or PUT Kind/id (update of a
resource this server created, as an amended check sends). Every received Bundle and resource is validated with the
FHIR R4 models of fhir.resources 6.1.0 and with SATUSEHAT's own rules (UTC times, Encounter
class and identifier system, statusHistory order, references).

Behaviour comes from a JSON control file, read on every request:
  {"version": 1, "post": ["500", "429", "drop", "commit-drop", "slow", "reject", "ok"],
   "slow_seconds": 3, "unknown_niks": [...], "unknown_practitioners": [...],
   "token_expires_in": 3599, "search": ["500", "drop"]}
"post" and "search" are scripts consumed one step per request (then "ok"); a new "version"
restarts them. Everything received is appended to the record file as JSON lines, so the test
can check that nothing was lost or sent twice. The server stops by itself after --max-seconds.
"""

import argparse
import json
import os
import secrets
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from fhir.resources import get_fhir_model_class
from fhir.resources.bundle import Bundle

LOINC_CODES = {"29463-7", "8302-2", "9843-4", "8280-0", "39156-5", "8867-4", "8310-5", "2339-0", "1556-0", "2093-3", "85354-9", "9279-1", "72166-2"}
# Loket's own codes for the screenings without a public code (README, "SATUSEHAT codes").
LOCAL_SYSTEM = "urn:loket:ckg-screening"
LOCAL_CODES = {"shk", "g6pd", "hak", "pjb_kritis", "atresia_bilier", "development", "tb", "ears", "eyes", "teeth", "thalassemia",
               "mental", "activity", "copd", "breast", "cervical", "lung_risk", "colorectal_risk", "hepatitis", "lipids", "ecg",
               "kidney", "skilas_cognition", "skilas_mobility", "skilas_nutrition", "skilas_vision", "skilas_hearing", "skilas_depression"}
SNOMED_ANSWERS = {"10828004", "260385009", "77176002", "8392000"}

args = None
lock = threading.Lock()
state = {"version": None, "post_step": 0, "search_step": 0, "tokens": set(), "encounters": {}, "resources": {}}


def control():
    try:
        with open(args.control) as f:
            c = json.load(f)
    except (OSError, ValueError):
        c = {}
    with lock:
        if c.get("version") != state["version"]:
            state["version"] = c.get("version")
            state["post_step"] = 0
            state["search_step"] = 0
    return c


def next_step(c, script):
    with lock:
        steps = c.get(script, [])
        i = state[script + "_step"]
        state[script + "_step"] = i + 1
        return steps[i] if i < len(steps) else "ok"


def record(event):
    line = json.dumps(event)
    with lock:
        with open(args.record, "a") as f:
            f.write(line + "\n")


def utc(value, where, errors):
    if not isinstance(value, str) or not value.endswith("+00:00"):
        errors.append(f"{where}: time {value!r} is not UTC +00:00")


def check_bundle(body):
    """FHIR R4 validation plus SATUSEHAT's rules; a list of problems (empty when valid)."""
    errors = []
    try:
        Bundle.parse_obj(body)
    except Exception as e:  # pydantic.ValidationError and friends
        errors.append(f"Bundle: {e}")
    if body.get("type") != "transaction":
        errors.append("Bundle.type must be transaction")
    entries = body.get("entry") or []
    encounter_url = None
    for i, entry in enumerate(entries):
        res = entry.get("resource") or {}
        kind = res.get("resourceType")
        try:
            get_fhir_model_class(kind).parse_obj(res)
        except Exception as e:
            errors.append(f"entry[{i}] {kind}: {e}")
        if not str(entry.get("fullUrl", "")).startswith("urn:uuid:"):
            errors.append(f"entry[{i}].fullUrl must be urn:uuid")
        req = entry.get("request") or {}
        if req.get("method") == "PUT":
            with lock:
                known = req.get("url") in state["resources"]
            if req.get("url") != f"{kind}/{res.get('id')}" or not known:
                errors.append(f"entry[{i}].request PUT {req.get('url')} is not a {kind} this server has (id {res.get('id')})")
        elif req.get("method") != "POST" or req.get("url") != kind:
            errors.append(f"entry[{i}].request must be POST {kind} or PUT {kind}/id")
        if kind == "Encounter":
            encounter_url = req.get("url") if req.get("method") == "PUT" else entry.get("fullUrl")
    kinds = [(e.get("resource") or {}).get("resourceType") for e in entries]
    if entries and all(k == "MedicationDispense" for k in kinds):
        return errors + check_dispenses(entries)
    if not entries or kinds[0] != "Encounter":
        errors.append("the first entry must be the Encounter")
        return errors
    enc = entries[0]["resource"]
    ident = (enc.get("identifier") or [{}])[0]
    if ident.get("system") != f"http://sys-ids.kemkes.go.id/encounter/{args.org}" or not ident.get("value"):
        errors.append(f"Encounter.identifier: {ident}")
    if (enc.get("class") or {}).get("code") != "AMB":
        errors.append("Encounter.class must be AMB")
    history = [h.get("status") for h in enc.get("statusHistory", [])]
    if history != ["arrived", "in-progress", "finished"]:
        errors.append(f"Encounter.statusHistory: {history}")
    for h in enc.get("statusHistory", []):
        utc(h.get("period", {}).get("start"), "statusHistory.period.start", errors)
        utc(h.get("period", {}).get("end"), "statusHistory.period.end", errors)
    utc(enc.get("period", {}).get("start"), "Encounter.period.start", errors)
    utc(enc.get("period", {}).get("end"), "Encounter.period.end", errors)
    subject = (enc.get("subject") or {}).get("reference", "")
    if not subject.startswith("Patient/P"):
        errors.append(f"Encounter.subject: {subject}")
    who = ((enc.get("participant") or [{}])[0].get("individual") or {}).get("reference", "")
    if not who.startswith("Practitioner/"):
        errors.append(f"Encounter.participant: {who}")
    if ((enc.get("location") or [{}])[0].get("location") or {}).get("reference") != f"Location/{args.location}":
        errors.append("Encounter.location")
    if (enc.get("serviceProvider") or {}).get("reference") != f"Organization/{args.org}":
        errors.append("Encounter.serviceProvider")
    condition_urls = set()
    for entry in entries[1:]:
        obs = entry.get("resource") or {}
        if obs.get("resourceType") in ("Condition", "MedicationRequest", "ServiceRequest"):
            check_consultation_part(entry, encounter_url, subject, condition_urls, errors)
            continue
        if obs.get("resourceType") != "Observation":
            errors.append("only Observations, Conditions, MedicationRequests and a ServiceRequest follow the Encounter")
            continue
        coding = (obs.get("code", {}).get("coding") or [{}])[0]
        loinc = coding.get("system") == "http://loinc.org" and coding.get("code") in LOINC_CODES
        local = coding.get("system") == LOCAL_SYSTEM and coding.get("code") in LOCAL_CODES
        if not (loinc or local):
            errors.append(f"Observation.code: {coding}")
        if (obs.get("encounter") or {}).get("reference") != encounter_url:
            errors.append("Observation.encounter must refer to the Encounter's fullUrl")
        if (obs.get("subject") or {}).get("reference") != subject:
            errors.append("Observation.subject differs from the Encounter's")
        utc(obs.get("effectiveDateTime"), "Observation.effectiveDateTime", errors)
        if coding.get("code") == "85354-9":
            codes = [(c.get("code", {}).get("coding") or [{}])[0].get("code") for c in obs.get("component", [])]
            units = [c.get("valueQuantity", {}).get("code") for c in obs.get("component", [])]
            if codes != ["8480-6", "8462-4"] or units != ["mm[Hg]", "mm[Hg]"]:
                errors.append(f"blood pressure components: {codes} {units}")
        elif "valueCodeableConcept" in obs:
            answer = (obs["valueCodeableConcept"].get("coding") or [{}])[0]
            if answer.get("system") != "http://snomed.info/sct" or answer.get("code") not in SNOMED_ANSWERS:
                errors.append(f"Observation.valueCodeableConcept: {answer}")
        elif "dataAbsentReason" in obs:
            if (obs["dataAbsentReason"].get("coding") or [{}])[0].get("code") != "not-performed":
                errors.append("Observation.dataAbsentReason")
        elif "valueQuantity" not in obs:
            errors.append("Observation.valueQuantity missing")
    return errors


def check_consultation_part(entry, encounter_url, subject, condition_urls, errors):
    """A consultation's Condition (ICD-10), MedicationRequest (KFA) or ServiceRequest (referral)."""
    res = entry.get("resource") or {}
    kind = res.get("resourceType")
    if (res.get("encounter") or {}).get("reference") != encounter_url:
        errors.append(f"{kind}.encounter must refer to the Encounter's fullUrl")
    if (res.get("subject") or {}).get("reference") != subject:
        errors.append(f"{kind}.subject differs from the Encounter's")
    if kind == "Condition":
        coding = (res.get("code", {}).get("coding") or [{}])[0]
        if coding.get("system") != "http://hl7.org/fhir/sid/icd-10" or not coding.get("code"):
            errors.append(f"Condition.code: {coding}")
        cat = ((res.get("category") or [{}])[0].get("coding") or [{}])[0].get("code")
        if cat != "encounter-diagnosis":
            errors.append(f"Condition.category: {cat}")
        utc(res.get("recordedDate"), "Condition.recordedDate", errors)
        condition_urls.add(entry.get("fullUrl"))
    elif kind == "MedicationRequest":
        med = res.get("medicationCodeableConcept") or {}
        for c in med.get("coding") or []:
            if c.get("system") != "http://sys-ids.kemkes.go.id/kfa" or not str(c.get("code", "")).startswith("9"):
                errors.append(f"MedicationRequest.medication: {c}")
        if res.get("intent") != "order" or not res.get("dosageInstruction"):
            errors.append("MedicationRequest: intent order with its dosage")
        if not ((res.get("requester") or {}).get("reference") or "").startswith("Practitioner/"):
            errors.append("MedicationRequest.requester")
        utc(res.get("authoredOn"), "MedicationRequest.authoredOn", errors)
    elif kind == "ServiceRequest":
        refs = [r.get("reference") for r in res.get("reasonReference") or []]
        if any(r not in condition_urls for r in refs):
            errors.append(f"ServiceRequest.reasonReference: {refs}")
        if not res.get("performer"):
            errors.append("ServiceRequest.performer (the facility referred to)")


def check_dispenses(entries):
    """A dispensing's MedicationDispense resources, each pointing at an Encounter and a
    MedicationRequest this server already has."""
    errors = []
    for i, entry in enumerate(entries):
        res = entry.get("resource") or {}
        with lock:
            known = dict(state["resources"])
        context = (res.get("context") or {}).get("reference")
        if known.get(context, {}).get("resourceType") != "Encounter":
            errors.append(f"entry[{i}] MedicationDispense.context {context} is not an Encounter this server has")
        for p in res.get("authorizingPrescription") or [{}]:
            ref = p.get("reference")
            if known.get(ref, {}).get("resourceType") != "MedicationRequest":
                errors.append(f"entry[{i}] MedicationDispense.authorizingPrescription {ref} is unknown")
        if res.get("status") != "completed" or "quantity" not in res:
            errors.append(f"entry[{i}] MedicationDispense: completed with its quantity")
        utc(res.get("whenHandedOver"), "MedicationDispense.whenHandedOver", errors)
    return errors


def outcome(message, code="invalid"):
    return {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": code, "details": {"text": message}}]}


def searchset(resources):
    return {"resourceType": "Bundle", "type": "searchset", "total": len(resources), "entry": [{"resource": r} for r in resources]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    def authorised(self):
        auth = self.headers.get("Authorization", "")
        with lock:
            ok = auth.startswith("Bearer ") and auth[7:] in state["tokens"]
        if not ok:
            self.answer(401, outcome("invalid token", "login"))
        return ok

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n)

    def do_POST(self):
        url = urlparse(self.path)
        c = control()
        raw = self.body()
        if url.path == f"{args.prefix}/oauth2/v1/accesstoken":
            form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            good = parse_qs(url.query).get("grant_type") == ["client_credentials"] and form.get("client_id") == args.client_id and form.get("client_secret") == args.secret
            record({"event": "token", "ok": good})
            if not good:
                return self.answer(401, {"error": "invalid_client", "error_description": "Invalid client credentials"})
            token = secrets.token_hex(16)
            with lock:
                state["tokens"].add(token)
            return self.answer(200, {"access_token": token, "token_type": "BearerToken", "expires_in": str(c.get("token_expires_in", 3599)), "organization_name": "Fake"})
        if url.path != f"{args.prefix}/fhir-r4/v1":
            return self.answer(404, outcome("no such endpoint", "not-found"))
        if not self.authorised():
            return
        step = next_step(c, "post")
        try:
            body = json.loads(raw)
        except ValueError:
            record({"event": "bundle", "valid": False, "errors": ["not JSON"]})
            return self.answer(400, outcome("not JSON"))
        errors = check_bundle(body)
        enc = ((body.get("entry") or [{}])[0].get("resource") or {})
        value = ((enc.get("identifier") or [{}])[0]).get("value")
        methods = [((e.get("request") or {}).get("method")) for e in body.get("entry") or []]
        event = {"event": "bundle", "step": step, "encounter": value, "valid": not errors, "errors": errors, "entries": len(body.get("entry") or []),
                 "methods": methods, "codes": [(((e.get("resource") or {}).get("code") or {}).get("coding") or [{}])[0].get("code") for e in body.get("entry") or []],
                 "statuses": [(e.get("resource") or {}).get("status") for e in body.get("entry") or []]}
        if errors:
            event["stored"] = False
            record(event)
            return self.answer(400, outcome("; ".join(errors)[:2000]))
        if step in ("429", "500", "drop", "reject"):
            event["stored"] = False
            record(event)
            if step == "429":
                return self.answer(429, outcome("too many requests", "throttled"), {"Retry-After": "1"})
            if step == "500":
                return self.answer(500, outcome("internal error", "exception"))
            if step == "reject":
                return self.answer(400, outcome("Encounter.period: the date is in the future"))
            return self.drop()
        # Stored: an ok, a commit-drop (stored, then the connection dies), or a slow answer.
        with lock:
            # An update of the Encounter is not a second copy of it.
            duplicate = value in state["encounters"] and methods[0] == "POST"
            ids = []
            urls = {}
            for e in body["entry"]:
                kind = e["resource"]["resourceType"]
                rid = e["resource"]["id"] if e["request"]["method"] == "PUT" else str(uuid.uuid4())
                ids.append((kind, rid))
                urls[e.get("fullUrl")] = f"{kind}/{rid}"
            for e, (kind, rid) in zip(body["entry"], ids):
                res = json.loads(json.dumps(e["resource"]))
                res["id"] = rid
                ref = (res.get("encounter") or {}).get("reference")
                if ref in urls:
                    res["encounter"]["reference"] = urls[ref]
                state["resources"][f"{kind}/{rid}"] = res
            if value:
                state["encounters"].setdefault(value, ids[0][1])
        event.update({"stored": True, "duplicate": duplicate})
        record(event)
        if step == "commit-drop":
            return self.drop()
        if step == "slow":
            time.sleep(float(c.get("slow_seconds", 3)))
        response = {
            "resourceType": "Bundle",
            "type": "transaction-response",
            "entry": [{"response": {"status": "201 Created", "location": f"{t}/{i}/_history/1", "etag": 'W/"1"', "resourceType": t, "resourceID": i}} for t, i in ids],
        }
        try:
            self.answer(200, response)
        except OSError:
            pass

    def do_GET(self):
        url = urlparse(self.path)
        c = control()
        base = f"{args.prefix}/fhir-r4/v1/"
        if not url.path.startswith(base):
            return self.answer(404, outcome("no such endpoint", "not-found"))
        if not self.authorised():
            return
        kind = url.path[len(base):]
        if kind == "Observation":
            encounter = parse_qs(url.query).get("encounter", [""])[0]
            record({"event": "search", "resource": kind, "encounter": encounter})
            with lock:
                found = [r for k, r in state["resources"].items() if k.startswith("Observation/") and (r.get("encounter") or {}).get("reference") == encounter]
            return self.answer(200, searchset(found))
        identifier = parse_qs(url.query).get("identifier", [""])[0]
        system, _, value = identifier.partition("|")
        step = next_step(c, "search")
        record({"event": "search", "resource": kind, "identifier": identifier, "step": step})
        if step == "500":
            return self.answer(500, outcome("internal error", "exception"))
        if step == "drop":
            return self.drop()
        if kind in ("Patient", "Practitioner"):
            if system != "https://fhir.kemkes.go.id/id/nik" or len(value) != 16 or not value.isdigit():
                return self.answer(400, outcome(f"bad identifier {identifier}"))
            unknown = c.get("unknown_niks" if kind == "Patient" else "unknown_practitioners", [])
            if value in unknown:
                return self.answer(200, searchset([]))
            prefix = "P" if kind == "Patient" else "N"
            return self.answer(200, searchset([{"resourceType": kind, "id": prefix + value[:11]}]))
        if kind == "Encounter":
            with lock:
                found = state["encounters"].get(value) if system == f"http://sys-ids.kemkes.go.id/encounter/{args.org}" else None
            return self.answer(200, searchset([{"resourceType": "Encounter", "id": found}] if found else []))
        return self.answer(404, outcome("unknown resource", "not-found"))


def main():
    global args
    p = argparse.ArgumentParser()
    p.add_argument("--control", required=True)
    p.add_argument("--record", required=True)
    p.add_argument("--org", required=True)
    p.add_argument("--location", required=True)
    p.add_argument("--client-id", required=True)
    p.add_argument("--secret", required=True)
    p.add_argument("--prefix", default="")
    p.add_argument("--max-seconds", type=float, default=300)
    # HTTPS with this certificate and key (PEM), as the real service speaks it.
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    # Bounded: the server ends by itself even if the test that started it is gone.
    threading.Timer(args.max_seconds, lambda: os._exit(0)).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
