#include "agent/enrol.hpp"

#include "agent/steps.hpp"
#include "common/bounded_json.hpp"
#include "store/sync_state.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

std::string enrol_store(Store& store, const std::string& url, const std::string& ca_pem,
                        const std::string& pin, const std::string& code) {
    HttpClient client(ClientConfig{url, ca_pem, pin, "", 5000});
    HttpResult r = client.post("/v1/enrol", json{{"code", code}}.dump(), 15000);
    if (!r.ok()) return describe_answer(r);
    json j = parse_bounded_json(r.body);
    if (!j.is_object() || !j.contains("token")) return "the server's answer is not understood";
    store.transaction([&] {
        store.set_meta(sync_key::url, url);
        store.set_meta(sync_key::ca_pem, ca_pem);
        store.set_meta(sync_key::pin, pin);
        store.set_meta(sync_key::token, j["token"].get<std::string>());
        store.set_meta(sync_key::room, j["room"].get<std::string>());
        store.set_meta(sync_key::kind, j["kind"].get<std::string>());
        store.set_meta(sync_key::cursor, j["cursor"].get<std::string>());
        // Registration numbers carry the terminal name; tickets carry the series.
        store.set_meta("terminal_id", j["terminal"].get<std::string>());
        store.set_meta("ticket_series", j["series"].get<std::string>());
    });
    return "";
}

std::string repoint_store(Store& store, const std::string& url, const std::string& ca_pem,
                          const std::string& pin) {
    ClientConfig c = client_config(store);
    if (c.token.empty()) return "the store is not enrolled: enrol it instead";
    if (!url.empty()) c.base_url = url;
    if (!ca_pem.empty()) c.ca_pem = ca_pem;
    if (!pin.empty()) c.pin = pin == "none" ? "" : pin;
    HttpClient client(c);
    HttpResult r = client.get("/v1/whoami", 15000);
    if (!r.ok()) return describe_answer(r);
    json j = parse_bounded_json(r.body);
    if (!j.is_object() || j.value("terminal", "") != store.terminal_id())
        return "the server there does not know this terminal as " + store.terminal_id();
    store.transaction([&] {
        store.set_meta(sync_key::url, c.base_url);
        store.set_meta(sync_key::ca_pem, c.ca_pem);
        store.set_meta(sync_key::pin, c.pin);
    });
    return "";
}

std::string rotate_store_token(Store& store) {
    ClientConfig c = client_config(store);
    if (c.token.empty()) return "the store is not enrolled: enrol it instead";
    HttpClient client(c);
    HttpResult r = client.post("/v1/token/rotate", "{}", 15000);
    if (!r.ok()) return describe_answer(r);
    json j = parse_bounded_json(r.body);
    if (!j.is_object() || !j.contains("token") || !j["token"].is_string() ||
        j.value("terminal", "") != store.terminal_id())
        return "the server's answer is not understood";
    std::string token = j["token"];
    store.transaction([&] {
        store.set_meta(sync_key::token, token);
        store.set_meta(sync_key::token_unconfirmed, "1");
        store.set_meta(sync_key::token_rotated_at, format_instant(now_utc()));
    });
    client.set_token(token);
    std::string err = confirm_rotated_token(store, client);
    return err.empty() ? "" : "the new token is kept and works; confirming it failed: " + err;
}

std::string confirm_rotated_token(Store& store, HttpClient& client) {
    if (store.meta(sync_key::token_unconfirmed).value_or("") != "1") return "";
    std::string token = store.meta(sync_key::token).value_or("");
    client.set_token(token);
    HttpResult r = client.post("/v1/token/confirm", "{}", 15000);
    if (!r.ok()) return describe_answer(r);
    // Only the token confirmed is marked: a rotation begun meanwhile keeps its own mark.
    store.transaction([&] {
        if (store.meta(sync_key::token).value_or("") == token)
            store.set_meta(sync_key::token_unconfirmed, "");
    });
    return "";
}

ClientConfig client_config(Store& store) {
    ClientConfig c;
    c.base_url = store.meta(sync_key::url).value_or("");
    c.ca_pem = store.meta(sync_key::ca_pem).value_or("");
    c.pin = store.meta(sync_key::pin).value_or("");
    c.token = store.meta(sync_key::token).value_or("");
    return c;
}

} // namespace reception
