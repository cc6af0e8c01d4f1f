#include "server/api.hpp"

#include "base/log.hpp"
#include "common/bounded_json.hpp"
#include "server/delivery_reports.hpp"
#include "server/feed.hpp"
#include "server/public_pages.hpp"
#include "server/push.hpp"
#include "server/server_store.hpp"

#include <charconv>

namespace reception {
using nlohmann::json;

Reply error_reply(int status, std::string_view code, std::string_view message) {
    Reply r;
    r.status = status;
    r.body = error_body(code, message);
    return r;
}

static Reply json_reply(const json& j) {
    Reply r;
    r.body = j.dump();
    return r;
}

// Query strings: only the few plain parameters pull takes; nothing is percent-decoded because
// no legal value needs it.
static std::string query_param(std::string_view target, std::string_view key) {
    size_t q = target.find('?');
    if (q == std::string_view::npos) return "";
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        size_t eq = pair.find('=');
        if (pair.substr(0, eq) == key && eq != std::string_view::npos)
            return std::string(pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        rest = rest.substr(amp + 1);
    }
    return "";
}

static int int_param(std::string_view target, std::string_view key, int fallback, int lo, int hi) {
    std::string v = query_param(target, key);
    if (v.empty()) return fallback;
    int n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi)
        throw HttpError(400, "bad_parameter",
                        std::string(key) + ": a whole number from " + std::to_string(lo) + " to " +
                            std::to_string(hi));
    return n;
}

// Authentication
// The token of "Authorization: Bearer TOKEN"; 401 without one.
static std::string bearer_token(const Request& req) {
    const std::string prefix = "Bearer ";
    if (req.authorization.rfind(prefix, 0) != 0)
        throw HttpError(401, "unauthorized", "a bearer token is required");
    return req.authorization.substr(prefix.size());
}

static Terminal authenticate(ServerCore& core, ServerStore& reader, const Request& req,
                             Instant now) {
    if (req.terminal) return *req.terminal; // checked from the header a moment ago
    std::string token = bearer_token(req);
    std::optional<Terminal> t;
    // A revocation (another process: reception-server revoke) moves the version: the cache is
    // dropped and every token read again, so a revoked terminal is out with its next request
    // (on PostgreSQL: with its next request after the instance heard the commit's NOTIFY, which
    // is milliseconds; while the listening connection is down, the version is read).
    long long version = core.credentials_heard.load();
    if (version < 0) version = credentials_version(reader);
    {
        std::shared_lock lock(core.tokens_mutex);
        auto it = core.tokens.find(token);
        if (version == core.tokens_version && it != core.tokens.end()) t = it->second;
    }
    if (!t) {
        t = find_terminal_by_token(reader, token);
        if (!t) throw HttpError(401, "unauthorized", "unknown or revoked credential");
        std::unique_lock lock(core.tokens_mutex);
        if (version != core.tokens_version) {
            core.tokens.clear();
            core.tokens_version = version;
        }
        core.tokens.emplace(token, *t);
    }
    core.status.seen(*t, req.terminal_status, now);
    return *t;
}

long long connected_terminals(ServerCore& core, Instant now) {
    return core.status.connected(now);
}

// Endpoints
static Reply enrol(ServerCore& core, const Request& req, Instant now) {
    std::string why = "the body is not a JSON object";
    json doc = parse_bounded_json(req.body, &why);
    if (doc.is_discarded() || !doc.is_object()) throw HttpError(400, "malformed_json", why);
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key() != "code") throw HttpError(400, "unknown_field", it.key() + ": unknown");
    if (!doc.contains("code") || !doc["code"].is_string() ||
        doc["code"].get<std::string>().size() > 32)
        throw HttpError(400, "bad_field", "code: the enrolment code as text");
    std::string code = doc["code"];
    std::string epoch = core.epoch.get();
    Reply r;
    r.endpoint = Endpoint::Enrol;
    r.write = [code, epoch, now, core_of = &core, peer = req.peer](ServerStore& db) {
        auto c = redeem_enrolment_code(db, code, now);
        if (!c) return error_reply(401, "bad_enrolment_code", "unknown, used or expired code");
        core_of->enrol_limiter.give_back(peer, now); // only wrong codes count
        return json_reply(json{{"terminal", c->terminal.name},
                               {"room", c->terminal.room},
                               {"kind", to_code(c->terminal.role)},
                               {"series", c->terminal.series},
                               {"token", c->token},
                               {"cursor", format_cursor({epoch, 0, "", ""})}});
    };
    return r;
}

static Reply push(ServerCore& core, ServerStore& reader, const Request& req, Instant now) {
    Terminal t = authenticate(core, reader, req, now);
    if (t.role == TerminalRole::Board) throw HttpError(403, "forbidden", "a board writes nothing");
    if (t.role == TerminalRole::Reader)
        throw HttpError(403, "forbidden", "a region reader writes nothing (reg-34)");
    auto batch = std::make_shared<PushBatch>(parse_push(req.body, now, t));
    ServerCore* c = &core;
    Reply r;
    r.write = [c, t, batch, now](ServerStore& db) {
        PushResult res = apply_push(db, t, *batch, now);
        c->metrics.pushed_changes += res.applied;
        c->metrics.duplicate_changes += res.duplicates;
        c->metrics.rejected_changes += res.rejected;
        Reply out = json_reply(push_result_json(res, c->epoch.get()));
        out.rooms = res.rooms;
        return out;
    };
    r.ahead = read_ahead_of(*batch);
    return r;
}

// Token rotation (auth.hpp): rotate answers a new token that works beside the current one;
// confirm, sent with the new token, makes it the only one. Both are writes: through the writer.
static Reply rotate_token(ServerCore& core, ServerStore& reader, const Request& req, Instant now,
                          bool confirm) {
    Terminal t = authenticate(core, reader, req, now);
    if (!req.body.empty()) {
        json doc = parse_bounded_json(req.body);
        if (doc.is_discarded() || !doc.is_object() || !doc.empty())
            throw HttpError(400, "malformed_json", "send {} or nothing");
    }
    std::string token = bearer_token(req); // the one just authenticated: current or next
    Reply r;
    r.write = [t, token, confirm](ServerStore& db) {
        if (!confirm) {
            log_notice("terminal " + t.name + ": a new token was handed out (rotation begun)");
            return json_reply(json{{"terminal", t.name}, {"token", begin_token_rotation(db, t)}});
        }
        bool promoted = confirm_token_rotation(db, t, token);
        if (promoted) log_notice("terminal " + t.name + ": token rotated, the old one is void");
        return json_reply(json{{"terminal", t.name}, {"rotated", promoted}});
    };
    return r;
}

// A region reader (reg-34, reg-39, reg-40) pulls one room of its region at a time, ?room=ROOM,
// and sees it as a console does: every entity, for the control subdivision's reports.
static Terminal as_room_reader(ServerStore& db, const Terminal& t, const Request& req) {
    std::string room = query_param(req.target, "room");
    if (room.empty()) throw HttpError(400, "bad_parameter", "room: a region reader names a room");
    if (!db.room_in_region(t.room, room))
        throw HttpError(403, "forbidden", "room " + room + " is not in region " + t.room);
    Terminal view = t;
    view.room = room;
    view.role = TerminalRole::Console;
    return view;
}

static Reply pull(ServerCore& core, ServerStore& reader, const Request& req, Instant now) {
    Terminal t = authenticate(core, reader, req, now);
    if (t.role == TerminalRole::Reader) t = as_room_reader(reader, t, req);
    std::string cursor_text = query_param(req.target, "cursor");
    std::string epoch = core.epoch.get();
    Cursor cursor{epoch, 0, "", ""};
    if (!cursor_text.empty()) {
        auto c = parse_cursor(cursor_text);
        if (!c) throw HttpError(400, "bad_parameter", "cursor: EPOCH:SEQ");
        // Another epoch: the store was restored or replaced; the terminal starts again.
        if (c->epoch != epoch)
            throw HttpError(409, "resync", "the server's store changed; pull from the start");
        cursor = *c;
    }
    int limit = int_param(req.target, "limit", kDefaultPullLimit, 1, kMaxPullLimit);
    int wait = int_param(req.target, "wait", 0, 0, kMaxWaitSeconds);
    FeedPage page = read_feed(reader, t, cursor, limit);
    if (page.count == 0 && !page.has_more && wait > 0 && req.may_wait) {
        Reply r;
        r.wait_ms = wait * 1000;
        r.wait_room = t.room;
        r.wait_head = page.next;
        return r;
    }
    core.metrics.pulled_changes += page.count;
    // Written as text around the page's own text (feed.cpp says why); the cursor is
    // EPOCH:SEQ[:ENTITY:UUID], letters, digits, dashes and underscores.
    Reply r;
    r.body.reserve(page.changes.size() + 96);
    r.body += "{\"changes\":";
    r.body += page.changes;
    r.body += ",\"cursor\":\"" + format_cursor({epoch, page.next, page.entity, page.uuid}) +
              "\",\"has_more\":";
    r.body += page.has_more ? "true}" : "false}";
    return r;
}

// Healthy is: a write commits. The probe goes through the single writer like a push, in its
// group commit, so a full disk or a read-only store answers 503 here as it would there.
static Reply health(ServerCore& core) {
    Reply r;
    r.write = [epoch = core.epoch.get()](ServerStore& db) {
        db.record_health();
        return json_reply(json{{"status", "ok"}, {"epoch", epoch}});
    };
    return r;
}

static Endpoint endpoint_of(std::string_view path) {
    if (is_public_path(path)) return Endpoint::Public;
    if (is_report_path(path)) return Endpoint::Report;
    if (path == "/healthz") return Endpoint::Healthz;
    if (path == "/metrics") return Endpoint::Metrics;
    if (path == "/v1/enrol") return Endpoint::Enrol;
    if (path == "/v1/push") return Endpoint::Push;
    if (path == "/v1/pull") return Endpoint::Pull;
    if (path == "/v1/whoami") return Endpoint::Whoami;
    if (path == "/v1/token/rotate" || path == "/v1/token/confirm") return Endpoint::Token;
    return Endpoint::Other;
}

static Reply route(ServerCore& core, ServerStore& reader, const Request& req, Endpoint e,
                   Instant now) {
    bool get = req.method == "GET", post = req.method == "POST";
    switch (e) {
    case Endpoint::Healthz:
        if (!get) break;
        return health(core);
    case Endpoint::Metrics: {
        if (!get) break;
        Reply r;
        r.content_type = "text/plain; version=0.0.4";
        r.body =
            metrics_text(core.metrics, connected_terminals(core, now)) + core.status.metrics_text();
        return r;
    }
    case Endpoint::Enrol:
        if (!post) break;
        return enrol(core, req, now);
    case Endpoint::Push:
        if (!post) break;
        return push(core, reader, req, now);
    case Endpoint::Pull:
        if (!get) break;
        return pull(core, reader, req, now);
    case Endpoint::Token:
        if (!post) break;
        return rotate_token(core, reader, req, now, req.target.rfind("/v1/token/confirm", 0) == 0);
    case Endpoint::Whoami: {
        if (!get) break;
        Terminal t = authenticate(core, reader, req, now);
        return json_reply(json{{"terminal", t.name},
                               {"room", t.room},
                               {"kind", to_code(t.role)},
                               {"series", t.series},
                               {"server_time", format_instant(now)}});
    }
    case Endpoint::Public:
        return public_page(core, reader, req, now);
    case Endpoint::Report:
        // Checked again here: the token is the only key, whoever calls this.
        if (auto refused = refuse_report(core, req, req.body.size())) return *refused;
        return delivery_report(core, req, now);
    default:
        return error_reply(404, "not_found", "no such endpoint");
    }
    return error_reply(405, "method_not_allowed", req.method + " is not allowed here");
}

// Before the body
// {"code": "ABCD-EFGH-JKLM"} to enrol, {} to rotate a token.
static constexpr unsigned long long kMaxSmallBodyBytes = 4096;

unsigned long long body_limit_of(std::string_view target) {
    Endpoint e = endpoint_of(target.substr(0, target.find('?')));
    if (e == Endpoint::Public) return 0; // GET only
    if (e == Endpoint::Report) return kMaxSmallBodyBytes;
    return e == Endpoint::Enrol || e == Endpoint::Token ? kMaxSmallBodyBytes : kMaxBodyBytes;
}

// A public page (public_pages.hpp): GET without a body, within the per-address limit.
static std::optional<Reply> refuse_public(ServerCore& core, const Request& req,
                                          unsigned long long length, Instant now) {
    if (req.method != "GET") throw HttpError(405, "method_not_allowed", "public pages: GET only");
    if (length > 0) throw HttpError(413, "body_too_large", "public pages take no body");
    int wait = core.public_limiter.take(req.peer, now);
    if (wait == 0) return std::nullopt;
    return public_refusal(429, wait);
}

// An unknown client must not make the server hold a megabyte: the credential is checked and
// the length compared before a byte of the body is read (800 such connections once
// took the server from 13 to 903 MiB).
static void check_header(ServerCore& core, ServerStore& reader, Request& req, Endpoint e,
                         unsigned long long length, Instant now) {
    if (length > body_limit_of(req.target))
        throw HttpError(413, "body_too_large",
                        "at most " + std::to_string(body_limit_of(req.target)) + " bytes here");
    if (req.method == "POST" && req.content_type.rfind("application/json", 0) != 0)
        throw HttpError(415, "unsupported_media_type", "send application/json");
    if (e == Endpoint::Push || e == Endpoint::Pull || e == Endpoint::Whoami || e == Endpoint::Token)
        req.terminal = authenticate(core, reader, req, now);
}

// fn's reply, or the refusal it threw, for endpoint e.
template <class Fn> static Reply answered(Endpoint e, Fn&& fn) {
    Reply r;
    try {
        r = fn();
    } catch (const HttpError& err) {
        r = error_reply(err.status, err.code, err.what());
    } catch (const StoreError& err) {
        r = error_reply(503, "store_unavailable", err.what());
    }
    r.endpoint = e;
    return r;
}

static Endpoint endpoint_of_target(const std::string& target) {
    return endpoint_of(std::string_view(target).substr(0, target.find('?')));
}

std::optional<Reply> refuse_before_body(ServerCore& core, ServerStore& reader, Request& req,
                                        unsigned long long content_length, Instant now) {
    Endpoint e = endpoint_of_target(req.target);
    if (e == Endpoint::Public) {
        Reply r = answered(e, [&] {
            Reply go_on;
            go_on.status = 0; // nothing to refuse
            return refuse_public(core, req, content_length, now).value_or(go_on);
        });
        if (r.status == 0) return std::nullopt;
        return r;
    }
    if (e == Endpoint::Report) {
        std::optional<Reply> refused = refuse_report(core, req, content_length);
        if (refused) refused->endpoint = e;
        return refused;
    }
    Reply r = answered(e, [&] {
        check_header(core, reader, req, e, content_length, now);
        Reply go_on;
        go_on.status = 0; // nothing to refuse: read the body
        if (e != Endpoint::Enrol || req.method != "POST") return go_on;
        int wait = core.enrol_limiter.take(req.peer, now);
        if (wait == 0) return go_on;
        Reply limited = error_reply(429, "too_many_attempts", "too many enrolment attempts");
        limited.retry_after_s = wait;
        return limited;
    });
    if (r.status == 0) return std::nullopt;
    return r;
}

Reply handle_request(ServerCore& core, ServerStore& reader, const Request& req, Instant now) {
    Endpoint e = endpoint_of_target(req.target);
    return answered(e, [&] {
        // A gateway's report may be a form: its own check is refuse_report's.
        if (e != Endpoint::Report && req.method == "POST" &&
            req.content_type.rfind("application/json", 0) != 0)
            throw HttpError(415, "unsupported_media_type", "send application/json");
        return route(core, reader, req, e, now);
    });
}

} // namespace reception
