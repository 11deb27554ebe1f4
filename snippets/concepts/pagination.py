import os

import httpx

client = httpx.Client(
    base_url=os.environ.get(
        "CLOUDWS_BASE_URL", "https://api.cloudworkstation.example.com/v1"
    ),
    headers={"Authorization": f"Bearer {os.environ['CLOUDWS_TOKEN']}"},
)

# Every volume, two at a time.
params = {"limit": 2}
pages = 0
while True:
    page = client.get("/volumes", params=params).raise_for_status().json()
    pages += 1
    print([v["id"] for v in page["data"]])
    #> ['vol-boot12345', 'vol-data12345']
    #> ['vol-boot67890', 'vol-scratch01']
    if page["next_cursor"] is None:
        break
    params["cursor"] = page["next_cursor"]

print(pages, "pages")
#> 2 pages

# Out of range: 400, never a silent clamp.
r = client.get("/volumes", params={"limit": 500})
print(r.status_code, r.json()["code"])
#> 400 validation_error
for error in r.json()["errors"]:
    print(error["field"], error["message"])
    #> query.limit input should be less than or equal to 100
