#!/usr/bin/env bash
# Starts the locally installed MariaDB/MySQL and Redis when they are down, waits until they answer,
# and creates the databases the app uses. Safe to run again: it only acts on what is missing.
set -euo pipefail

MYSQL_HOST=127.0.0.1
MYSQL_PORT=3306
REDIS_PORT=6379
APP_DB=${APP_DB:-cchc}

log() { printf '[infra] %s\n' "$*"; }

mysql_up() { mysqladmin --protocol=tcp -h "$MYSQL_HOST" -P "$MYSQL_PORT" -uroot ping >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

if mysql_up; then
  log "MariaDB/MySQL already up on $MYSQL_HOST:$MYSQL_PORT"
else
  if [ -x /usr/sbin/mariadbd ]; then
    log "starting MariaDB"
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  elif command -v mysqld >/dev/null 2>&1; then
    log "starting MySQL"
    start-stop-daemon --start --oknodo --background --exec "$(command -v mysqld)"
  else
    log "no MariaDB/MySQL server installed: apt-get install -y mariadb-server (or use infra/docker-compose.yml)"
    exit 1
  fi
  for _ in $(seq 1 60); do mysql_up && break; sleep 1; done
  mysql_up || { log "MariaDB did not answer within 60 s"; exit 1; }
  log "MariaDB up"
fi

if redis_up; then
  log "Redis already up on 127.0.0.1:$REDIS_PORT"
else
  command -v redis-server >/dev/null 2>&1 || { log "no redis-server installed: apt-get install -y redis-server"; exit 1; }
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { log "Redis did not answer within 30 s"; exit 1; }
  log "Redis up"
fi

mysql --protocol=tcp -h "$MYSQL_HOST" -P "$MYSQL_PORT" -uroot -e \
  "CREATE DATABASE IF NOT EXISTS \`$APP_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
log "database '$APP_DB' ready (tests create and drop their own databases)"
