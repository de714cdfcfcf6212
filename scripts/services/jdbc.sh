#!/usr/bin/env bash
# session-jdbc's tests need the machine's PostgreSQL on 127.0.0.1:5432 (user postgres, no
# password, database test) and MariaDB on 127.0.0.1:3306 (user root, no password, database test).
# Installs them from Debian's packages when missing and starts them when they are not running.
# Idempotent: on a machine where both already answer, it changes nothing.
# Run as root (CI does). Meant for test machines: it opens passwordless loopback access.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_packages postgresql mariadb-server

pg_ok() { psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; }

ensure_postgresql() {
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    log "creating PostgreSQL $version cluster main"
    pg_createcluster "$version" main >&2
  fi
  if ! wait_for_port 127.0.0.1 5432 1; then
    log "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2
    wait_for_port 127.0.0.1 5432 30 || die "PostgreSQL did not open 127.0.0.1:5432; see /var/log/postgresql/"
  fi
  if ! pg_ok; then
    log "allowing passwordless loopback connections to PostgreSQL (test machine)"
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    su postgres -c "psql -tAc 'select pg_reload_conf()'" >/dev/null
    sleep 1
    pg_ok || die "cannot connect to PostgreSQL as postgres on 127.0.0.1:5432; check $hba"
  fi
  if [ -z "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'")" ]; then
    log "creating PostgreSQL database test"
    psql -h 127.0.0.1 -U postgres -d postgres -c 'create database test' >/dev/null
  fi
}

maria_ok() { mariadb -h 127.0.0.1 -P 3306 -u root -e 'select 1' >/dev/null 2>&1; }

ensure_mariadb() {
  if ! wait_for_port 127.0.0.1 3306 1; then
    mkdir -p /run/mysqld
    chown mysql:mysql /run/mysqld
    if [ ! -d /var/lib/mysql/mysql ]; then
      log "initialising the MariaDB data directory"
      mariadb-install-db --user=mysql --datadir=/var/lib/mysql >&2
    fi
    log "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
    wait_for_port 127.0.0.1 3306 60 || die "MariaDB did not open 127.0.0.1:3306; see /var/log/mysql/error.log"
  fi
  if ! maria_ok; then
    log "allowing passwordless loopback connections to MariaDB as root (test machine)"
    mariadb -u root <<'SQL'
ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('');
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
    maria_ok || die "cannot connect to MariaDB as root on 127.0.0.1:3306"
  fi
  mariadb -h 127.0.0.1 -u root -e 'CREATE DATABASE IF NOT EXISTS test'
}

ensure_postgresql
ensure_mariadb
log "PostgreSQL on 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306 are ready"
