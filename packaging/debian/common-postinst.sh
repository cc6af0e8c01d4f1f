# Shared by the server's and the terminal's postinst (packaging/CMakeLists.txt joins it in):
# the system user every service runs as and the folder that holds the stores.
reception_user() {
    if ! getent passwd reception >/dev/null; then
        adduser --system --group --home /var/lib/reception --no-create-home \
            --gecos "Reception room services" reception >/dev/null
    fi
    # The stores hold personal data (reg-6 forms): the user and its group only.
    install -d -o reception -g reception -m 0750 /var/lib/reception
    # The key of the server's certificate is readable by the group reception, nobody else.
    install -d -o root -g reception -m 0750 /etc/reception/tls
}

# A store of an older version is copied aside before this version's programs migrate it.
reception_backup_before_migrate() {
    store="$1"
    [ -f "$store" ] || return 0
    copy="$store.before-$2.bak"
    [ -e "$copy" ] && return 0
    sqlite3 "$store" ".backup '$copy'" 2>/dev/null || cp -p "$store" "$copy"
    chown reception:reception "$copy"
    chmod 0640 "$copy"
}

reception_systemd_reload() {
    if [ -d /run/systemd/system ]; then
        systemctl --system daemon-reload >/dev/null || true
    fi
}
