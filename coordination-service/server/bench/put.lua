wrk.method = "PUT"
wrk.body   = '{"value":"hello"}'
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/kv/k" .. (counter % 1000))
end
