import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# vol-scratch01 is standalone and detached: it can be deleted.
r = client.delete("/volumes/vol-scratch01")
print(r.status_code, r.json())
#> 200 {'id': 'vol-scratch01', 'status': 'deleted'}
print(client.get("/volumes/vol-scratch01").status_code)
#> 404
