#!/usr/bin/env bash
# Regenerates the TEST-ONLY TLS fixtures in test/fixtures/tls/:
#   ca.pem / ca-key.pem         a self-signed test CA
#   server.pem / server-key.pem a server certificate signed by that CA
# Both are valid for 100 years, so the committed output never needs
# regenerating and tests never need openssl. The server certificate's
# subjectAltName covers loopback and the dagster.cloud names the CLI talks to,
# so a test proxy can redirect e.g. https://acme.dagster.cloud to a local
# server. These keys are public: never trust ca.pem outside tests.
#
# Usage: scripts/make-test-certs.sh   (from anywhere; needs openssl)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/test/fixtures/tls"
DAYS=36500
mkdir -p "$OUT"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cat >"$TMP/ca.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = dagster-cloud-ts test CA (DO NOT TRUST)
O = dagster-cloud-ts tests
[v3_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
CNF

cat >"$TMP/server.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = localhost
O = dagster-cloud-ts tests
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
subjectAltName = @alt
[alt]
DNS.1 = localhost
IP.1 = 127.0.0.1
IP.2 = ::1
DNS.2 = dagster.cloud
DNS.3 = *.dagster.cloud
DNS.4 = *.eu.dagster.cloud
DNS.5 = gateway.example.test
CNF

# Test CA.
openssl req -quiet -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$DAYS" \
  -config "$TMP/ca.cnf" -keyout "$OUT/ca-key.pem" -out "$OUT/ca.pem"

# Server key + CSR, then sign with the CA.
openssl req -quiet -new -newkey rsa:2048 -nodes -sha256 \
  -config "$TMP/server.cnf" -keyout "$OUT/server-key.pem" -out "$TMP/server.csr"
openssl x509 -req -in "$TMP/server.csr" -sha256 -days "$DAYS" \
  -CA "$OUT/ca.pem" -CAkey "$OUT/ca-key.pem" -set_serial "0x$(openssl rand -hex 16)" \
  -extfile "$TMP/server.cnf" -extensions v3_server -out "$OUT/server.pem"

chmod 644 "$OUT"/*.pem  # test-only keys; readable by any CI user
openssl verify -CAfile "$OUT/ca.pem" "$OUT/server.pem"
echo "wrote $OUT/{ca.pem,ca-key.pem,server.pem,server-key.pem}"
