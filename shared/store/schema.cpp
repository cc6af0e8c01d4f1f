// The store's schema. The schema is the documentation: every table says what it holds and
// every CHECK states an invariant the code relies on. Times are ISO-8601 UTC text
// ("2026-03-20T04:15:00Z"), days are local dates ("2026-03-20").
#include "store/store.hpp"

namespace reception {

static const char* const kSchemaV1 = R"SQL(
-- Settings of this store: terminal_id (short, in registration numbers), created_at.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Rooms of the reception (reg-2: the public reception room), with the code used in tickets.
CREATE TABLE rooms (
    uuid       TEXT PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name_kk    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Officials who receive (reg-2); role is a code of the regulation profile.
CREATE TABLE officials (
    uuid        TEXT PRIMARY KEY,
    surname     TEXT NOT NULL CHECK (length(surname) > 0),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    patronymic  TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL,
    position_kk TEXT NOT NULL DEFAULT '',
    position_ru TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at  TEXT NOT NULL
);

-- Reception sessions (reg-7 schedule, reg-9 ad hoc, reg-13/14 video, reg-16 cancelled).
CREATE TABLE sessions (
    uuid          TEXT PRIMARY KEY,
    official_uuid TEXT NOT NULL REFERENCES officials(uuid),
    room_uuid     TEXT NOT NULL REFERENCES rooms(uuid),
    date          TEXT NOT NULL,
    start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    mode          TEXT NOT NULL CHECK (mode IN ('in_person', 'video')),
    ad_hoc        INTEGER NOT NULL DEFAULT 0 CHECK (ad_hoc IN (0, 1)),
    cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    cancel_reason TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);
CREATE INDEX sessions_by_date ON sessions(date, official_uuid);

-- Applications for a personal reception. The essence is required (reg-5): an application
-- without it is refused at input and never stored. The registration day follows reg-25.
CREATE TABLE applications (
    uuid                    TEXT PRIMARY KEY,
    reg_number              TEXT NOT NULL UNIQUE,
    oral_protocol_number    TEXT UNIQUE,          -- reg-25: oral ones, the separate protocol
    channel                 TEXT NOT NULL CHECK (channel IN
                              ('egov_portal', 'eotinish', 'paper', 'oral_in_person', 'phone', 'kiosk')),
    applicant_kind          TEXT NOT NULL CHECK (applicant_kind IN ('individual', 'representative')),
    surname                 TEXT NOT NULL DEFAULT '',
    name                    TEXT NOT NULL DEFAULT '',
    patronymic              TEXT NOT NULL DEFAULT '',
    iin                     TEXT NOT NULL DEFAULT '',
    phone                   TEXT NOT NULL DEFAULT '',
    address                 TEXT NOT NULL DEFAULT '',
    entity_name             TEXT NOT NULL DEFAULT '',
    bin                     TEXT NOT NULL DEFAULT '',
    authority_document      TEXT NOT NULL DEFAULT '',
    foreigner               INTEGER NOT NULL DEFAULT 0 CHECK (foreigner IN (0, 1)),
    essence                 TEXT NOT NULL CHECK (length(trim(essence)) > 0),
    official_uuid           TEXT NOT NULL DEFAULT '',
    language                TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
    interpreter_needed      INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1)),
    video_consent           INTEGER NOT NULL DEFAULT 0 CHECK (video_consent IN (0, 1)),
    from_personal_reception INTEGER NOT NULL DEFAULT 0 CHECK (from_personal_reception IN (0, 1)),
    previous_handler        TEXT NOT NULL DEFAULT '',
    assigned_to             TEXT NOT NULL DEFAULT '',
    state                   TEXT NOT NULL,
    received_at             TEXT NOT NULL,
    registered_on           TEXT NOT NULL,
    accepted_by             TEXT NOT NULL DEFAULT '',
    accepted_where          TEXT NOT NULL DEFAULT '',
    refusal_ground          TEXT NOT NULL DEFAULT '',
    correction_due          TEXT,
    session_uuid            TEXT NOT NULL DEFAULT '',
    updated_at              TEXT NOT NULL,
    -- reg-37: the employee who handled it before may not be assigned it again.
    CHECK (assigned_to = '' OR assigned_to <> previous_handler),
    CHECK (applicant_kind = 'individual' OR length(bin) = 12)
);
CREATE INDEX applications_by_phone ON applications(phone);
CREATE INDEX applications_by_iin ON applications(iin);
CREATE INDEX applications_by_state ON applications(state, registered_on);

-- The history of every record: who did what, when and why. Append-only: the triggers below
-- refuse to rewrite it.
-- seq is the rowid: events are never deleted, so it only grows (no AUTOINCREMENT, which would
-- write sqlite_sequence on every action).
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    kind        TEXT NOT NULL,
    from_state  TEXT NOT NULL DEFAULT '',
    to_state    TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL CHECK (length(actor) > 0),
    reason      TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    at          TEXT NOT NULL
);
CREATE INDEX events_by_entity ON events(entity_uuid, seq);
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;

-- Queue tickets (reg-12). priority 0 = out of turn, 1 = in order of arrival. The number is a
-- label unique per room and day; a transferred ticket keeps its number on a new row.
CREATE TABLE tickets (
    uuid             TEXT PRIMARY KEY,
    room             TEXT NOT NULL,
    day              TEXT NOT NULL,
    service          TEXT NOT NULL,
    number           TEXT NOT NULL,
    category         TEXT NOT NULL DEFAULT '',
    priority         INTEGER NOT NULL CHECK (priority IN (0, 1)),
    language         TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
    state            TEXT NOT NULL CHECK (state IN
                       ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred')),
    desk             TEXT NOT NULL DEFAULT '',
    kiosk            TEXT NOT NULL DEFAULT '',
    transferred_from TEXT NOT NULL DEFAULT '',
    issued_at        TEXT NOT NULL,
    called_at        TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL,
    CHECK ((category = '') = (priority = 1))
);
CREATE UNIQUE INDEX tickets_number_unique ON tickets(room, day, number)
    WHERE transferred_from = '';
-- Only waiting tickets are in this index, so calling the next one costs the same with 100
-- or 100,000 tickets in the day's history (bench/store_bench).
CREATE INDEX tickets_waiting ON tickets(room, day, priority, issued_at) WHERE state = 'waiting';
CREATE INDEX tickets_called ON tickets(room, day, called_at) WHERE called_at <> '';

-- Last ticket number per room, day and service prefix.
CREATE TABLE ticket_counters (
    room   TEXT NOT NULL,
    day    TEXT NOT NULL,
    prefix TEXT NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (room, day, prefix)
) WITHOUT ROWID;

-- Last registration / oral protocol number per scope ("reg:2026", "oral:2026").
CREATE TABLE number_counters (
    scope TEXT PRIMARY KEY,
    last  INTEGER NOT NULL
) WITHOUT ROWID;

-- Changes waiting for the sync agent, written in the same transaction as the change. seq
-- orders them locally; op_id is what the server deduplicates on, so a seq reused after the
-- table was emptied does no harm.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY,
    op_id       TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL CHECK (json_valid(payload)),
    created_at  TEXT NOT NULL
);
)SQL";

// Version 2, the staff console: staff accounts, desks, reception records, and the topic of
// an application taken by phone when the caller names a topic instead of an official.
static const char* const kSchemaV2 = R"SQL(
-- Staff who sign in to the console. The password is kept only as an argon2id hash (the
-- encoded string carries its salt and costs); the role decides which screens one sees.
CREATE TABLE staff (
    uuid          TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32),
    full_name     TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    position      TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('operator', 'desk_clerk', 'responsible', 'admin')),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at    TEXT NOT NULL
);

-- Desks of a room where clerks call tickets (reg-12). services is a JSON array of service
-- codes; a paused desk calls nobody until it resumes.
CREATE TABLE desks (
    uuid       TEXT PRIMARY KEY,
    room       TEXT NOT NULL,
    number     TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 8),
    services   TEXT NOT NULL CHECK (json_valid(services) AND json_array_length(services) > 0),
    clerk      TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
    updated_at TEXT NOT NULL,
    UNIQUE (room, number)
);

-- A personal reception held at a desk: the identity document was seen (reg-10), and for a
-- representative the proof of authority too. Applications handed in during it are linked
-- below and marked "from personal reception" (reg-36).
CREATE TABLE reception_records (
    uuid               TEXT PRIMARY KEY,
    ticket_uuid        TEXT NOT NULL DEFAULT '',
    room               TEXT NOT NULL,
    desk               TEXT NOT NULL,
    clerk              TEXT NOT NULL CHECK (length(clerk) > 0),
    visitor_name       TEXT NOT NULL DEFAULT '',
    id_document        TEXT NOT NULL CHECK (length(trim(id_document)) > 0),
    id_checked         INTEGER NOT NULL CHECK (id_checked = 1),
    representative     INTEGER NOT NULL DEFAULT 0 CHECK (representative IN (0, 1)),
    authority_document TEXT NOT NULL DEFAULT '',
    authority_checked  INTEGER NOT NULL DEFAULT 0 CHECK (authority_checked IN (0, 1)),
    started_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (representative = 0 OR
           (authority_checked = 1 AND length(trim(authority_document)) > 0))
);
CREATE TABLE reception_record_applications (
    record_uuid      TEXT NOT NULL REFERENCES reception_records(uuid),
    application_uuid TEXT NOT NULL REFERENCES applications(uuid),
    PRIMARY KEY (record_uuid, application_uuid)
) WITHOUT ROWID;

ALTER TABLE applications ADD COLUMN topic TEXT NOT NULL DEFAULT '';
)SQL";

// Version 3: the case work of chapters 3 and 4 — notices to the applicant, the hearing before a
// refusal, the reception's protocol instructions under control, and satisfaction surveys.
static const char* const kSchemaV3 = R"SQL(
-- Every notice the regulation requires, as a record: what it is about, how it goes, when it is
-- due and when it went. Sending one also appends a notice_sent event, which stops its clock
-- in the deadline engine (deadlines.cpp).
CREATE TABLE notices (
    uuid             TEXT PRIMARY KEY,
    application_uuid TEXT NOT NULL REFERENCES applications(uuid),
    about            TEXT NOT NULL CHECK (about IN ('correction', 'extension', 'reception_date',
                       'refusal_draft', 'other_body', 'session_cancelled', 'answer')),
    item             TEXT NOT NULL,          -- "reg-30": the item that requires it
    channel          TEXT NOT NULL CHECK (channel IN ('phone', 'sms', 'letter', 'email')),
    due_on           TEXT NOT NULL,
    sent_on          TEXT,
    sent_by          TEXT NOT NULL DEFAULT '',
    text             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (sent_on IS NULL OR length(sent_by) > 0)
);
CREATE INDEX notices_open ON notices(due_on) WHERE sent_on IS NULL;
CREATE INDEX notices_by_application ON notices(application_uuid);

-- reg-32, 33 (APPC art. 74): the protocol of the hearing before a refusal.
CREATE TABLE hearings (
    uuid               TEXT PRIMARY KEY,
    application_uuid   TEXT NOT NULL REFERENCES applications(uuid),
    held_on            TEXT NOT NULL,
    place              TEXT NOT NULL CHECK (length(trim(place)) > 0),
    chaired_by         TEXT NOT NULL CHECK (length(trim(chaired_by)) > 0),
    participants       TEXT NOT NULL DEFAULT '',
    applicant_present  INTEGER NOT NULL CHECK (applicant_present IN (0, 1)),
    objections         TEXT NOT NULL DEFAULT '',  -- what the applicant said or sent
    objections_on      TEXT,                      -- when written objections arrived
    conclusion         TEXT NOT NULL CHECK (conclusion IN ('refuse', 'schedule')),
    reasons            TEXT NOT NULL CHECK (length(trim(reasons)) > 0),
    recorded_by        TEXT NOT NULL CHECK (length(recorded_by) > 0),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX hearings_by_application ON hearings(application_uuid);

-- reg-23, 34, 35: the reception's decision and its instructions with executors and deadlines.
-- The application stays on control until every instruction is done and a final reasoned
-- answer has gone to the applicant.
CREATE TABLE instructions (
    uuid             TEXT PRIMARY KEY,
    application_uuid TEXT NOT NULL REFERENCES applications(uuid),
    text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
    executor         TEXT NOT NULL CHECK (length(trim(executor)) > 0),
    due_on           TEXT NOT NULL,
    done_on          TEXT,
    report           TEXT NOT NULL DEFAULT '',
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (done_on IS NULL OR length(trim(report)) > 0)
);
CREATE INDEX instructions_open ON instructions(due_on) WHERE done_on IS NULL;
CREATE INDEX instructions_by_application ON instructions(application_uuid);

-- reg-38: phone surveys of applicants who got a consultation or were refused a sign-up.
CREATE TABLE surveys (
    uuid             TEXT PRIMARY KEY,
    application_uuid TEXT NOT NULL UNIQUE REFERENCES applications(uuid),
    reason           TEXT NOT NULL CHECK (reason IN ('consultation', 'refused')),
    called_on        TEXT NOT NULL,
    reached          INTEGER NOT NULL CHECK (reached IN (0, 1)),
    rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment          TEXT NOT NULL DEFAULT '',
    called_by        TEXT NOT NULL CHECK (length(called_by) > 0),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (reached = 1 OR rating IS NULL)
);

)SQL";

// Version 4: the sync agent's own tables, which it used to create itself on first use. IF NOT
// EXISTS: a store an older agent already ran on has them. sync_dead_letters: ops the server
// refused for good, kept for staff (docs/sync.md). sync_acked: the journal of what the server
// acknowledged.
static const char* const kSchemaV4 = R"SQL(
CREATE TABLE IF NOT EXISTS sync_dead_letters (
    seq         INTEGER PRIMARY KEY,
    op_id       TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    failed_at   TEXT NOT NULL
);
-- The journal: ops the server acknowledged, kept for kMaxOpAge to offer them again after the
-- server's store is restored from a backup (sync/reoffer.hpp). seq: the order first pushed.
-- outcome: applied, duplicate or superseded (an older version than the server's: counted for
-- staff, never silent).
CREATE TABLE IF NOT EXISTS sync_acked (
    seq         INTEGER PRIMARY KEY,
    op_id       TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    acked_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sync_acked_by_time ON sync_acked(created_at);
)SQL";

// Version 5: the hearing's protocol as APPC art. 73 and 74 ask (reg-33): the way the applicant
// was heard, when the hearing began and ended (local minutes), who kept the protocol, and
// "no objections" said outright. A hearing recorded before this version has way '' and no
// times: the protocol then did not ask for them.
static const char* const kSchemaV5 = R"SQL(
ALTER TABLE hearings ADD COLUMN way TEXT NOT NULL DEFAULT ''
    CHECK (way IN ('', 'in_person', 'video', 'phone', 'written'));
ALTER TABLE hearings ADD COLUMN start_minute INTEGER CHECK (start_minute BETWEEN 0 AND 1439);
ALTER TABLE hearings ADD COLUMN end_minute INTEGER
    CHECK (end_minute > start_minute AND end_minute <= 1440);
ALTER TABLE hearings ADD COLUMN secretary TEXT NOT NULL DEFAULT '';
ALTER TABLE hearings ADD COLUMN no_objections INTEGER NOT NULL DEFAULT 0
    CHECK (no_objections IN (0, 1));
)SQL";

// Version 6: the regulation profile each application was registered under (profile_id, the
// profile's "id"), so a new resolution's profile does not silently re-rule older cases. Rows
// from before keep '' : which profile applied to them was never recorded.
static const char* const kSchemaV6 = R"SQL(
ALTER TABLE applications ADD COLUMN profile_id TEXT NOT NULL DEFAULT '';
)SQL";

// Version 7: the order of a session's persons (reg-28). The out-of-turn category of reg-12 the
// applicant declared (a code of the profile, '' for none): received first within a session, as
// in the queue. The session the applicant chose among those proposed (reg-28), '' when the
// room chose: staff book it first when the akim's decision allows.
static const char* const kSchemaV7 = R"SQL(
ALTER TABLE applications ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN chosen_session TEXT NOT NULL DEFAULT '';
)SQL";

// Version 8: the protocol of a personal reception held (reg-23: its number, day, the official
// who received, who attended, the decision; its instructions are rows of `instructions`), with
// the checks made before it (reg-10: the identity document seen, and the authority of one who
// acts for another). A reception recorded as held before this version has no protocol row; its
// decision is the reason of its history event. And the walk-in consultations the visitor agreed
// to be surveyed about (reg-38), with the survey's result.
static const char* const kSchemaV8 = R"SQL(
CREATE TABLE reception_protocols (
    uuid               TEXT PRIMARY KEY,
    application_uuid   TEXT NOT NULL UNIQUE REFERENCES applications(uuid),
    number             TEXT NOT NULL UNIQUE,
    held_on            TEXT NOT NULL,
    session_uuid       TEXT NOT NULL,
    official_uuid      TEXT NOT NULL CHECK (length(official_uuid) > 0),
    attendees          TEXT NOT NULL CHECK (length(trim(attendees)) > 0),
    decision           TEXT NOT NULL CHECK (length(trim(decision)) > 0),
    id_document        TEXT NOT NULL CHECK (length(trim(id_document)) > 0),
    id_checked         INTEGER NOT NULL CHECK (id_checked = 1),
    acting_for_another INTEGER NOT NULL CHECK (acting_for_another IN (0, 1)),
    authority_document TEXT NOT NULL DEFAULT '',
    authority_checked  INTEGER NOT NULL DEFAULT 0 CHECK (authority_checked IN (0, 1)),
    recorded_by        TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    -- reg-10: one who acts for another shows the authority, and it was checked.
    CHECK (acting_for_another = 0 OR
           (length(trim(authority_document)) > 0 AND authority_checked = 1))
);

-- reg-38: a consultation given through the queue (a ticket, no application) whose visitor gave
-- a phone at the desk and agreed to be called about it, and that call's result once made.
CREATE TABLE walk_in_surveys (
    uuid        TEXT PRIMARY KEY,
    ticket_uuid TEXT NOT NULL UNIQUE,
    number      TEXT NOT NULL,   -- the ticket's number, to say on the phone
    phone       TEXT NOT NULL CHECK (length(phone) > 0),
    consent     INTEGER NOT NULL CHECK (consent = 1),
    served_on   TEXT NOT NULL,
    given_to    TEXT NOT NULL CHECK (length(given_to) > 0),
    called_on   TEXT,
    reached     INTEGER CHECK (reached IN (0, 1)),
    rating      INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    called_by   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((called_on IS NULL) = (reached IS NULL)),
    CHECK (reached = 1 OR rating IS NULL)
);
CREATE INDEX walk_in_surveys_by_day ON walk_in_surveys(served_on);
)SQL";

// Version 9: notices that the central server sends (reg-6, 16, 19, 29, 30, 32). The applicant's
// e-mail and whether they agreed to notices by SMS or e-mail, or later asked for none
// (cases/notice_channel.cpp decides the channel from it); and what the server reported of each
// notice it sends, pulled from its feed (cases/notice_delivery.hpp): only the server writes it.
static const char* const kSchemaV9 = R"SQL(
ALTER TABLE applications ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN notice_consent INTEGER NOT NULL DEFAULT 0
    CHECK (notice_consent IN (0, 1));
ALTER TABLE applications ADD COLUMN notice_opted_out INTEGER NOT NULL DEFAULT 0
    CHECK (notice_opted_out IN (0, 1));

CREATE TABLE notice_deliveries (
    uuid             TEXT PRIMARY KEY,   -- the notice's
    application_uuid TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'retrying', 'sent',
                       'delivered', 'failed', 'cancelled')),
    reason           TEXT NOT NULL DEFAULT '',
    attempts         INTEGER NOT NULL DEFAULT 0,
    queued_at        TEXT NOT NULL,
    last_attempt_at  TEXT NOT NULL DEFAULT '',
    sent_at          TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL
);
CREATE INDEX notice_deliveries_by_application ON notice_deliveries(application_uuid);
)SQL";

// Version 10: the code of a ticket's public page (base/public_code.hpp): random, made by the
// terminal that prints the ticket, kept by the tickets a transfer or a reactivation makes of it
// so the visitor's phone follows them. Tickets from before have '' and no page.
static const char* const kSchemaV10 = R"SQL(
ALTER TABLE tickets ADD COLUMN public_code TEXT NOT NULL DEFAULT '';
)SQL";

// Version 11: "text me when my turn is near" (queue/turn_text.hpp): the mobile number a visitor
// left for one ticket, a record of its own so that it never travels with the ticket.
static const char* const kSchemaV11 = R"SQL(
CREATE TABLE turn_texts (
    uuid        TEXT PRIMARY KEY,
    ticket_uuid TEXT NOT NULL UNIQUE REFERENCES tickets(uuid),
    room        TEXT NOT NULL,
    phone       TEXT NOT NULL,   -- E.164 mobile
    language    TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
    created_at  TEXT NOT NULL
);
)SQL";

// Version 12: the code of an application's status page (base/public_code.hpp), made at
// registration and printed on the receipt. Applications from before have '' and no page.
static const char* const kSchemaV12 = R"SQL(
ALTER TABLE applications ADD COLUMN public_code TEXT NOT NULL DEFAULT '';
)SQL";

static const Migration kMigrations[] = {
    {1, kSchemaV1}, {2, kSchemaV2},   {3, kSchemaV3},   {4, kSchemaV4},
    {5, kSchemaV5}, {6, kSchemaV6},   {7, kSchemaV7},   {8, kSchemaV8},
    {9, kSchemaV9}, {10, kSchemaV10}, {11, kSchemaV11}, {12, kSchemaV12},
};

const Migration* migrations(size_t* count) {
    *count = sizeof kMigrations / sizeof kMigrations[0];
    return kMigrations;
}

} // namespace reception
