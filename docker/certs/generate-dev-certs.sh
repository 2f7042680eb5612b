#!/bin/sh
# Development certificates for mutual TLS on the grid (docker-compose.yml mounts this folder at /certs):
# a private CA, one silo certificate (server and client use: silos connect to each other) and one
# client certificate for agent backends and the CLI. Production: issue these from your own PKI.
#
#   sh docker/certs/generate-dev-certs.sh        # writes ca.crt, silo.crt/.key, client.crt/.key here
set -eu
cd "$(dirname "$0")"
days=365

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
  -subj "/CN=TripSage dev grid CA" -keyout ca.key -out ca.crt \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

issue() { # name, extended key usage
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" -keyout "$1.key" -out "$1.csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=DNS:silo-1,DNS:silo-2,DNS:localhost,IP:127.0.0.1\n' "$2" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$days" -extfile "$1.ext" -out "$1.crt"
  rm "$1.csr" "$1.ext"
}
issue silo serverAuth,clientAuth
issue client clientAuth
chmod 644 ./*.crt ./*.key   # the silo container reads them as a non-root user; keep this folder private
echo "Wrote $(pwd)/ca.crt, silo.crt, silo.key, client.crt, client.key"
