import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# ws-12345 is stopped. It owns vol-boot12345, and the standalone
# vol-data12345 is attached to it.
r = client.delete("/workstations/ws-12345")
print(r.status_code)
#> 200
result = r.json()
print(result["deleted_volume_ids"])
#> ['vol-boot12345']
print(result["detached_volume_ids"])
#> ['vol-data12345']

# The workstation and the volume it owned are gone (404)...
print(client.get("/workstations/ws-12345").status_code)
#> 404
print(client.get("/volumes/vol-boot12345").status_code)
#> 404
# ...and the standalone volume is kept, detached, ready to attach elsewhere.
volume = client.get("/volumes/vol-data12345").json()
print(volume["standalone"], volume["attached_to"])
#> True None
