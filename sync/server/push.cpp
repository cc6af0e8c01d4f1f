#include "server/push.hpp"

#include "base/uuid.hpp"
#include "common/bounded_json.hpp"
#include "common/rules.hpp"
#include "server/delivery.hpp"
#include "server/feed.hpp"
#include "server/numbers.hpp"
#include "server/op_times.hpp"
#include "server/public_index.hpp"
#include "server/server_store.hpp"
#include "server/turn_texts.hpp"
#include "server/write_rules.hpp"

#include <set>

namespace reception {
using nlohmann::json;

// Checking the shape
[[noreturn]] static void bad(const std::string& code, const std::string& what) {
    throw HttpError(400, code, what);
}

// Every key must be one we know: a field the server would ignore is a bug on the other side.
static void only_keys(const json& obj, std::initializer_list<const char*> keys,
                      const std::string& where) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool known = false;
        for (const char* k : keys) known = known || it.key() == k;
        if (!known) bad("unknown_field", where + it.key() + ": unknown field");
    }
    for (const char* k : keys)
        if (!obj.contains(k)) bad("missing_field", where + k + ": missing");
}

static const std::string& text(const json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) bad("bad_field", where + key + ": must be text");
    return it->get_ref<const std::string&>();
}

static void check_uuid(const json& obj, const char* key, const std::string& where) {
    if (!is_uuid(text(obj, key, where))) bad("bad_field", where + key + ": must be a UUID");
}

static void check_instant(const json& obj, const char* key, const std::string& where) {
    if (!is_instant_text(obj.value(key, json()))) bad("bad_field", where + key + ": not a time");
}

// What a record of a known entity must carry to be applied and ordered.
static void check_payload(const PushOp& op, const std::string& where) {
    const json& p = op.payload;
    std::string w = where + "payload.";
    if (p.contains("uuid") && p.value("uuid", json()) != op.entity_uuid)
        bad("bad_field", w + "uuid: differs from entity_uuid");
    if (op.entity == "ticket") {
        for (const char* k : {"room", "service", "number", "language"})
            if (text(p, k, w).empty() || p[k].get_ref<const std::string&>().size() > 64)
                bad("bad_field", w + k + ": 1 to 64 characters");
        for (const char* k : {"category", "desk", "kiosk", "transferred_from", "called_at"})
            text(p, k, w);
        if (!parse_date(text(p, "day", w))) bad("bad_field", w + "day: not a date");
        if (ticket_rank(text(p, "state", w)) < 0) bad("bad_field", w + "state: unknown");
        check_instant(p, "issued_at", w);
        check_instant(p, "updated_at", w);
    } else if (op.entity == "event") {
        for (const char* k : {"entity", "entity_uuid", "kind", "actor"})
            if (text(p, k, w).empty()) bad("bad_field", w + k + ": empty");
        check_instant(p, "at", w);
    } else if (p.contains("updated_at")) {
        check_instant(p, "updated_at", w);
    }
}

static PushOp parse_op(json& o, size_t i) {
    std::string where = "ops[" + std::to_string(i) + "].";
    if (!o.is_object()) bad("bad_field", where + ": must be an object");
    only_keys(o, {"op_id", "entity", "entity_uuid", "kind", "payload", "created_at"}, where);
    PushOp op;
    check_uuid(o, "op_id", where);
    check_uuid(o, "entity_uuid", where);
    check_instant(o, "created_at", where);
    op.op_id = o["op_id"];
    op.entity = text(o, "entity", where);
    op.entity_uuid = o["entity_uuid"];
    op.kind = text(o, "kind", where);
    // As the server writes times, so that stored times compare as text (retention.hpp).
    op.created_at = format_instant(*parse_instant(o["created_at"].get<std::string>()));
    if (!is_entity_name(op.entity)) bad("bad_field", where + "entity: [a-z_]{1,32}");
    if (op.kind.size() > 64 || op.kind.rfind(op.entity + ".", 0) != 0)
        bad("bad_field", where + "kind: must start with the entity and a dot");
    if (!o["payload"].is_object()) bad("bad_field", where + "payload: must be an object");
    op.payload = std::move(o["payload"]); // moved, not copied: a copy recurses
    check_payload(op, where);
    return op;
}

// Times and the role, then the text stored and served: once, here, not on the single
// writer's thread, and after the role set what the credential decides.
static void check_op(PushOp& op, const Terminal& t, Instant sent, size_t i) {
    std::string where = "ops[" + std::to_string(i) + "].";
    check_op_times(op, sent, where);
    check_role(t, op, where);
    op.payload_text = op.payload.dump();
    op.public_text = public_view(op.entity, op.payload);
}

PushBatch parse_push(std::string_view body, Instant now, const Terminal& t) {
    std::string why;
    json doc = parse_bounded_json(body, &why);
    if (doc.is_discarded()) bad("malformed_json", why);
    if (!doc.is_object()) bad("bad_field", "the body must be a JSON object");
    only_keys(doc, {"batch_id", "sent_at", "ops"}, "");
    check_uuid(doc, "batch_id", "");
    check_instant(doc, "sent_at", "");
    // A terminal whose clock is far off stamps tickets and deadlines wrong: staff must fix the
    // clock before its changes are taken (the agent shows this error on the staff screen).
    Instant sent = *parse_instant(doc["sent_at"].get<std::string>());
    auto skew = std::chrono::duration_cast<std::chrono::seconds>(sent - now);
    if (skew > kMaxClockSkew || -skew > kMaxClockSkew)
        bad("clock_skew", "terminal clock is " + std::to_string(skew.count()) +
                              " s off the server's (" + format_instant(now) + "); at most " +
                              std::to_string(kMaxClockSkew.count()) + " s allowed");
    json& ops = doc["ops"];
    if (!ops.is_array()) bad("bad_field", "ops: must be an array");
    if (ops.size() > size_t(kMaxOpsPerBatch))
        bad("too_many_ops", "ops: at most " + std::to_string(kMaxOpsPerBatch) + " per batch");
    PushBatch b;
    b.batch_id = doc["batch_id"];
    b.digest = sha256_hex(ops.dump()); // before parse_op moves the payloads out
    for (size_t i = 0; i < ops.size(); ++i) {
        b.ops.push_back(parse_op(ops[i], i));
        check_op(b.ops.back(), t, sent, i);
    }
    return b;
}

// Applying
static void append_change(ServerStore& db, const Terminal& t, const PushOp& op, Instant now) {
    db.append_change(FeedChange{op.op_id, t.name, t.room, op.entity, op.entity_uuid, op.kind,
                                op.payload_text, op.public_text, format_instant(now)});
}

// One new op: "applied", "superseded" (an older version than the server's; events seen) or
// "rejected" with a reason.
static OpResult apply_op(ServerStore& db, const Terminal& t, const PushOp& op, Instant now) {
    ExistingRecord e = find_record(db, op.entity, op.entity_uuid);
    // The same record again under another op id (a copy kept by a terminal): nothing new.
    if (e.found && e.room == t.room && e.payload == op.payload_text)
        return {op.op_id, "duplicate", ""};
    check_against_store(db, t, op, e);
    Version v = version_of(op.entity, op.payload);
    // Events are created once and never change: a second copy is not a conflict. An equal
    // version is taken: versions count seconds, and one terminal often changes a record twice
    // in a second (an application registered and sent for correction); its ops come in order.
    if (e.found && (op.entity == "event" || newer(e.version, v)))
        return {op.op_id, "superseded", ""};
    if (op.entity == "ticket" && !claim_ticket_number(db, op))
        return {op.op_id, "rejected", "number_taken"};
    if (op.entity == "application") {
        std::string taken = claim_reg_numbers(db, t, op, e.found, e.payload);
        if (!taken.empty()) return {op.op_id, "rejected", taken};
    }
    db.put_record(op.entity, op.entity_uuid, t.room, t.name, v, op.payload_text);
    index_public(db, op.entity, op.entity_uuid, t.room, op.payload);
    // A visitor's phone number is pulled by no terminal: it stays out of the feed, which is
    // kept far longer than the number may be (queue/turn_text.hpp).
    if (!pulled_by_no_terminal(op.entity)) append_change(db, t, op, now);
    if (op.entity == "notice") on_notice_pushed(db, t, op, now); // SMS, e-mail: queued here
    on_turn_pushed(db, t, op, now); // a visitor's "text me when my turn is near"
    return {op.op_id, "applied", ""};
}

static void check_replay(ServerStore& db, const Terminal& t, const PushBatch& b, Instant now) {
    if (auto seen = db.batch(b.batch_id)) {
        if (seen->digest != b.digest || seen->terminal != t.name)
            throw HttpError(409, "batch_replayed",
                            "batch " + b.batch_id + " was sent before with other ops");
        return;
    }
    db.add_batch(b.batch_id, t.name, b.digest, format_instant(now));
}

PushResult apply_push(ServerStore& db, const Terminal& t, const PushBatch& b, Instant now) {
    if (!db.in_transaction()) throw StoreError("store_io", "apply_push outside a transaction");
    if ((t.role == TerminalRole::Board || t.role == TerminalRole::Reader) && !b.ops.empty())
        throw HttpError(403, "forbidden", "a board or a region reader writes nothing");
    check_replay(db, t, b, now);
    PushResult r;
    for (const PushOp& op : b.ops) {
        // Seen before: the same answer again, so a terminal that lost the first answer still
        // dead-letters a rejected op instead of dropping it.
        if (auto seen = db.applied_op(op.op_id)) {
            bool rejected = seen->outcome == "rejected";
            r.results.push_back({op.op_id, rejected ? "rejected" : "duplicate", seen->reason});
            r.duplicates += !rejected;
            r.rejected += rejected;
            continue;
        }
        OpResult res = apply_op(db, t, op, now);
        r.duplicates += res.status == "duplicate";
        // A copy of what the server holds is kept like a superseded op: out of the feed, and
        // answered "duplicate" when its op id comes again.
        db.add_applied_op(op.op_id, t.name,
                          res.status == "duplicate" ? std::string("superseded") : res.status,
                          res.reason, op.created_at);
        r.applied += res.status == "applied";
        r.rejected += res.status == "rejected";
        r.results.push_back(std::move(res));
    }
    if (r.applied > 0) r.rooms.push_back(t.room);
    return r;
}

ReadAhead read_ahead_of(const PushBatch& b) {
    ReadAhead a;
    a.batches.push_back(b.batch_id);
    for (const PushOp& op : b.ops) {
        a.ops.push_back(op.op_id);
        a.records.emplace_back(op.entity, op.entity_uuid);
        const json& p = op.payload;
        if (op.entity == "ticket" && p.value("transferred_from", std::string()).empty())
            a.tickets.push_back({p.value("room", std::string()), p.value("day", std::string()),
                                 p.value("number", std::string())});
        if (std::string code = indexed_public_code(op.entity, p); !code.empty())
            a.codes.push_back(code);
    }
    return a;
}

json push_result_json(const PushResult& r, const std::string& epoch) {
    json results = json::array();
    for (const OpResult& o : r.results) {
        json j{{"op_id", o.op_id}, {"status", o.status}};
        if (!o.reason.empty()) j["reason"] = o.reason;
        results.push_back(std::move(j));
    }
    return json{{"results", results}, {"epoch", epoch}};
}

} // namespace reception
