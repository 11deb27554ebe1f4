import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# vol-data12345 is attached to ws-12345: refused.
r = client.delete("/volumes/vol-data12345")
print(r.status_code, r.json()["code"])
#> 409 volume_attached

# vol-boot12345 belongs to ws-12345: refused, whatever its state.
r = client.delete("/volumes/vol-boot12345")
print(r.status_code, r.json()["code"])
#> 409 volume_owned

# Recover: detach vol-data12345 (ws-12345 is stopped), then delete it.
detached = client.patch("/workstations/ws-12345", json={"volume_ids": []}).raise_for_status()
r = client.delete("/volumes/vol-data12345")
print(r.status_code, r.json()["status"])
#> 200 deleted
