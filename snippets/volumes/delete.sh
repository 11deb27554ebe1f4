curl -sS -X DELETE \
  "${CLOUDWS_BASE_URL:-https://api.cloudworkstation.example.com/v1}/volumes/vol-scratch01" \
  -H "Authorization: Bearer $CLOUDWS_TOKEN"
