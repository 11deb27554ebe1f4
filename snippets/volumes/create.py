import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

r = client.post("/volumes", json={"size_gb": 250})
volume = r.json()
print(r.status_code, r.headers["Location"])
#> 201 /v1/volumes/vol-zuajavqg
print(volume["standalone"], volume["attached_to"])
#> True None
