# 1. A standalone volume for data that must outlive any one workstation.
curl -sS -X POST \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/volumes" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN" -H "Content-Type: application/json" \
  -d '{"size_gb": 100}'
# 2. A workstation with it attached: it also gets a volume of its own.
curl -sS -X POST \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN" -H "Content-Type: application/json" \
  -d '{"name": "scratch", "machine_type": "standard-2", "volume_ids": ["vol-zuajavqg"]}'
# 3. Stop and delete it: its own volume goes, the standalone one stays.
curl -sS -X POST \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-rjd71mnh/stop" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
curl -sS -X DELETE \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-rjd71mnh" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
# 4. Attach the kept volume to ws-12345 (stopped), next to the ones it has.
curl -sS -X PATCH \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/workstations/ws-12345" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN" -H "Content-Type: application/json" \
  -d '{"volume_ids": ["vol-data12345", "vol-zuajavqg"]}'
