-- wrk script for POST /cds-services/poems-syndrome: the body from BODY, and
-- each request with a token of its own (poemsd refuses a replayed jti),
-- read from TOKENS-<thread>.txt; a thread that runs out sends no token
-- (answered 401, counted as errors: make more tokens).
local counter = 0
function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
end

local tokens, next_token = {}, 1
local body
function init(args)
    for line in io.lines(os.getenv("TOKENS") .. "-" .. id .. ".txt") do tokens[#tokens + 1] = line end
    local file = assert(io.open(os.getenv("BODY"), "rb"))
    body = file:read("*a")
    file:close()
end

function request()
    local headers = {["Content-Type"] = "application/json"}
    local token = tokens[next_token]
    next_token = next_token + 1
    if token then headers["Authorization"] = "Bearer " .. token end
    return wrk.format("POST", nil, headers, body)
end
