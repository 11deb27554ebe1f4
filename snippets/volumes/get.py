import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

r = client.get("/volumes/vol-data12345")
volume = r.json()
print(r.status_code, volume["size_gb"], volume["standalone"], volume["attached_to"])
#> 200 200 True ws-12345
