#!/bin/sh
# Copies the procfs/sysfs files the metrics collectors read into a fixture tree, so the parsers
# are tested on real text. Usage: sh record-host.sh <out-dir> [seconds-between-snapshots]
# The counter files (stat, diskstats, net/dev) are recorded twice: <out>/proc and, after the
# pause, <out>/later/proc, with the measured gap in <out>/later/elapsed-ms.
# Run inside a network namespace (`ip netns exec NAME sh record-host.sh ...`) to record its
# interfaces (ip netns exec mounts that namespace's /sys).
set -eu
out=$1
gap=${2:-2}
mkdir -p "$out/proc/net" "$out/proc/self" "$out/sys/devices/system/cpu" "$out/sys/class/net"
for f in stat meminfo loadavg uptime diskstats net/dev net/sockstat net/sockstat6 self/mountinfo; do
  cat "/proc/$f" > "$out/proc/$f"
done
if [ -r /proc/net/vlan/config ]; then mkdir -p "$out/proc/net/vlan"; cat /proc/net/vlan/config > "$out/proc/net/vlan/config"; fi
cat /sys/devices/system/cpu/online > "$out/sys/devices/system/cpu/online"
for path in /sys/class/net/*; do
  name=${path##*/}
  dst="$out/sys/class/net/$name"
  mkdir -p "$dst"
  for a in address type ifindex iflink; do cat "$path/$a" > "$dst/$a" 2>/dev/null || true; done
  # Presence markers the interface filter looks at: keep one real file from each directory.
  if [ -e "$path/device" ]; then mkdir -p "$dst/device"; cat "$path/device/uevent" > "$dst/device/uevent" 2>/dev/null || true; fi
  if [ -d "$path/bonding" ]; then mkdir -p "$dst/bonding"; cat "$path/bonding/mode" > "$dst/bonding/mode"; fi
  if [ -d "$path/bridge" ]; then mkdir -p "$dst/bridge"; cat "$path/bridge/bridge_id" > "$dst/bridge/bridge_id"; fi
done
for zone in /sys/class/thermal/thermal_zone*; do
  [ -r "$zone/temp" ] || continue
  dst="$out/sys/class/thermal/${zone##*/}"
  mkdir -p "$dst"; cat "$zone/type" > "$dst/type"; cat "$zone/temp" > "$dst/temp" || true
done
for hw in /sys/class/hwmon/hwmon*; do
  [ -r "$hw/name" ] || continue
  dst="$out/sys/class/hwmon/${hw##*/}"
  mkdir -p "$dst"; cat "$hw/name" > "$dst/name"
  for t in "$hw"/temp*_input "$hw"/temp*_label; do [ -r "$t" ] && cat "$t" > "$dst/${t##*/}" || true; done
done
start=$(date +%s%N)
# Some disk, CPU and network activity so the second snapshot has non-zero rates.
dd if=/dev/zero of="$out/.io-scratch" bs=1M count=32 oflag=direct status=none 2>/dev/null || true
rm -f "$out/.io-scratch"
# Optional network traffic during the gap, e.g. TRAFFIC='curl -s -m 1 http://192.0.2.1/'.
if [ -n "${TRAFFIC:-}" ]; then sh -c "$TRAFFIC" >/dev/null 2>&1 || true; fi
sleep "$gap"
mkdir -p "$out/later/proc/net"
for f in stat diskstats net/dev; do cat "/proc/$f" > "$out/later/proc/$f"; done
end=$(date +%s%N)
echo $(( (end - start) / 1000000 )) > "$out/later/elapsed-ms"
