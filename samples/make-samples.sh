#!/usr/bin/env bash
# make-samples.sh - reproduce the sample packet captures in this directory.
#
# Produces (next to this script):
#   sweep-445.pcap          nmap SYN sweep of TCP/445 over 127.0.0.1-254
#   portscan-syn.pcap.gz    nmap SYN port scan of 127.0.0.1 ports 1-200 (gzip -9)
#   benign-web.pcap         30 plain HTTP GETs from 127.0.0.100 to 127.0.0.80:8080
#
# Safety / scope:
#   * All traffic stays on loopback (127.0.0.0/8) inside a private network
#     namespace created here ("scanwatch-samples"); its only interface is lo.
#   * Every listener runs under `timeout`, every loop is bounded, and every
#     background process is stopped by its PID. The namespace is deleted on
#     exit, also on failure (trap).
#
# Needs: root, nmap, tcpdump, iproute2 (ip, ss), iptables, curl, python3, gzip.
#   apt-get update && apt-get install -y nmap tcpdump iproute2 iptables curl
#
# Idempotent: re-running removes a stale namespace and overwrites the outputs.
# Captures contain real timestamps, so bytes differ run to run; the shape
# (who probes whom, which answer open/closed/nothing) is the same.
set -euo pipefail

OUT="$(cd "$(dirname "$0")" && pwd)"
NS=scanwatch-samples
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"
WWW=""
PIDS=()

die() { echo "make-samples: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (needs netns, raw sockets)"
for t in nmap tcpdump ip iptables curl gzip; do
  command -v "$t" >/dev/null || die "missing tool: $t"
done

nsx() { ip netns exec "$NS" "$@"; }

cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] || continue
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  PIDS=()
  ip netns del "$NS" 2>/dev/null || true
  if [ -n "$WWW" ]; then rm -rf "$WWW" "$WWW".log.*; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Start "$@" in the background inside the namespace; remember its PID.
# `ip netns exec` execs the command, so $! is the PID of the tool itself.
bg() { ip netns exec "$NS" "$@" & LASTPID=$!; PIDS+=("$LASTPID"); }

# Stop one background PID and forget it.
stop() {
  local p=$1 keep=() q
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  for q in "${PIDS[@]}"; do [ "$q" = "$p" ] || keep+=("$q"); done
  PIDS=("${keep[@]:-}")
}

# capture FILE CMD... : tcpdump on lo around one bounded command.
capture() {
  local file=$1; shift
  rm -f "$file"
  bg tcpdump -s 128 -i lo -U -w "$file" 2>"$LOG.tcpdump"
  local tpid=$LASTPID
  sleep 1
  nsx "$@" >"$LOG.tool"
  sleep 2
  stop "$tpid"
  grep -h -E 'open|filtered|Nmap done|captured' "$LOG.tool" "$LOG.tcpdump" \
    | grep -v 'closed' | sort | uniq -c | sed 's/^/  /' || true
  [ -s "$file" ] || die "empty capture $file"
  # tcpdump drops to its own user; give the file the directory's owner.
  chown --reference="$OUT" "$file"
}

# Fresh namespace: only lo, brought up. 127.0.0.1/8 on lo makes the whole
# 127/8 local, so scanner source addresses like 127.77.0.9 need no extra
# address (added anyway, /32, so it is explicit).
ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"
nsx ip link set lo up
nsx ip addr add 127.77.0.9/32 dev lo
nsx ip addr add 127.77.0.7/32 dev lo
nsx ip addr add 127.0.0.100/32 dev lo
nsx ip addr add 127.0.0.80/32 dev lo

WWW="$(mktemp -d)"
LOG="$WWW.log"
printf '<html><body><h1>scanwatch benign sample</h1></body></html>\n' > "$WWW/index.html"

# A bounded TCP listener: python http.server under timeout.
listen() { # ADDR PORT SECONDS
  bg timeout "$3" "$PY" -m http.server "$2" --bind "$1" --directory "$WWW" >/dev/null \
     2>/dev/null
}

# Wait (bounded, ~5 s) until ADDR:PORT is listening in the namespace.
wait_listen() {
  local i
  for i in $(seq 1 50); do
    nsx ss -Hltn "src $1" | grep -q . && return 0
    sleep 0.1
  done
  die "listener $1 did not come up"
}

# ---------------------------------------------------------------- 1. sweep
# Open: 127.0.0.5, .6, .42 (listeners on 445). Closed: the rest of .1-.127
# (kernel RST). Filtered: .128-.254 dropped by the namespace's netfilter.
nsx iptables -A INPUT -d 127.0.0.128/25 -j DROP
L=()
for h in 127.0.0.5 127.0.0.6 127.0.0.42; do listen "$h" 445 90; L+=("$LASTPID"); done
for h in 127.0.0.5 127.0.0.6 127.0.0.42; do wait_listen "$h:445"; done
capture "$OUT/sweep-445.pcap" \
  timeout 120 nmap -n -sS -Pn -p 445 -S 127.77.0.9 -e lo --max-retries 1 127.0.0.1-254
for p in "${L[@]}"; do stop "$p"; done
nsx iptables -F INPUT

# ------------------------------------------------------------ 2. portscan
# Open on 127.0.0.1: 22, 80, 143. Every other port in 1-200 closed (RST).
L=()
for port in 22 80 143; do listen 127.0.0.1 "$port" 90; L+=("$LASTPID"); done
for port in 22 80 143; do wait_listen "127.0.0.1:$port"; done
capture "$OUT/portscan-syn.pcap" \
  timeout 120 nmap -n -sS -Pn -p 1-200 -S 127.77.0.7 -e lo --max-retries 1 127.0.0.1
for p in "${L[@]}"; do stop "$p"; done
rm -f "$OUT/portscan-syn.pcap.gz"
gzip -9 -n "$OUT/portscan-syn.pcap"

# ---------------------------------------------------------- 3. benign web
listen 127.0.0.80 8080 30; W=$LASTPID
wait_listen 127.0.0.80:8080
capture "$OUT/benign-web.pcap" bash -c '
  ok=0
  for i in $(seq 1 30); do
    if curl -s -o /dev/null --max-time 5 --interface 127.0.0.100 \
         -w "%{http_code}\n" "http://127.0.0.80:8080/index.html?n=$i" | grep -qx 200; then
      ok=$((ok+1))
    fi
    sleep 0.2
  done
  echo "benign-web: $ok/30 requests returned 200" >&2
  [ "$ok" = 30 ]'
stop "$W"

# ------------------------------------------------------------- verify
# n FILE FILTER: packet count (FILE may be .gz).
n() { zcat -f "$1" | tcpdump -nn -r - "$2" 2>/dev/null | wc -l; }
S='tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn'
SA='tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)'
R='tcp[tcpflags] & tcp-rst != 0'
f=$OUT/sweep-445.pcap
echo "sweep-445: total $(n "$f" '') SYN $(n "$f" "$S") SYN-ACK $(n "$f" "$SA") RST $(n "$f" "$R")" \
     "replies-from-.128/25 $(n "$f" "src net 127.0.0.128/25")"
[ "$(n "$f" "src net 127.0.0.128/25")" = 0 ] || die "filtered range answered"
[ "$(n "$f" "$SA")" = 3 ] || die "expected 3 SYN-ACKs in sweep"
f=$OUT/portscan-syn.pcap.gz
echo "portscan-syn: total $(n "$f" '') SYN $(n "$f" "$S") SYN-ACK $(n "$f" "$SA") RST $(n "$f" "$R")"
[ "$(n "$f" "$S")" = 200 ] || die "expected 200 SYN probes in portscan"
[ "$(n "$f" "$SA")" = 3 ] || die "expected 3 SYN-ACKs in portscan"
f=$OUT/benign-web.pcap
echo "benign-web: total $(n "$f" '') SYN $(n "$f" "$S") SYN-ACK $(n "$f" "$SA") RST $(n "$f" "$R")"
[ "$(n "$f" "$S")" = 30 ] || die "expected 30 connections in benign-web"

ls -l "$OUT"/*.pcap "$OUT"/*.pcap.gz
echo "make-samples: done"
