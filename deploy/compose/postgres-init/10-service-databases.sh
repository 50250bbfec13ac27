#!/usr/bin/env bash
# Run by the postgres image once, when its data volume is still empty: one login role and
# one database per service, owned by that role and closed to everyone else, so no service
# can read another's tables. The passwords come from the container's environment
# (<SERVICE>_DB_PASSWORD, set in deploy/compose/secrets.env). Changing them later does not
# change the roles: use ALTER ROLE ... PASSWORD then.
#
# The image executes this file (or sources it when it is not executable), so it sets
# nothing but `-e` and uses names that cannot clash with the image's own script.
set -e

for wegweiser_service in assessment reporting notifications; do
    wegweiser_password_variable="${wegweiser_service^^}_DB_PASSWORD"
    wegweiser_password="${!wegweiser_password_variable:-}"
    if [ -z "$wegweiser_password" ]; then
        echo "postgres-init: $wegweiser_password_variable is not set" >&2
        exit 1
    fi
    # psql fills :"service" (an identifier) and :'password' (a literal) itself, quoted.
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
        --set=service="$wegweiser_service" --set=password="$wegweiser_password" <<'SQL'
CREATE ROLE :"service" LOGIN PASSWORD :'password';
CREATE DATABASE :"service" OWNER :"service";
REVOKE ALL ON DATABASE :"service" FROM PUBLIC;
SQL
done
