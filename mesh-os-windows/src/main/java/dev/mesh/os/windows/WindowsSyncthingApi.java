package dev.mesh.os.windows;

import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.syncthing.SyncthingRest;
import java.util.Base64;

/**
 * Syncthing pairing on Windows: one REST request to the Syncthing the SSH account runs (winget's
 * portable Syncthing, started by the scheduled task {@link SyncthingInstaller#TASK} as that account),
 * in one PowerShell script. The script reads config.xml from {@code %LOCALAPPDATA%\Syncthing} (or
 * {@code %APPDATA%\Syncthing} without LOCALAPPDATA, as lib/locations does, 1.x and 2.x alike) with
 * .NET's XML parser, and sends the request with {@code Invoke-WebRequest} and the key in its headers:
 * the key stays inside that one PowerShell process. Invoke-WebRequest rather than Invoke-RestMethod,
 * whose objects would have to go back through ConvertTo-Json (depth 2 by default: folder devices
 * would be cut). The body travels base64-encoded on standard input, so no console code page can
 * change a character of it. Output and exits as {@link SyncthingRest} reads them.
 */
final class WindowsSyncthingApi {
    private WindowsSyncthingApi() {
    }

    static SyncthingResponse call(ProvisioningContext ctx, SyncthingRequest request) {
        byte[] stdin = request.hasBody() ? Base64.getEncoder().encode(request.bodyBytes()) : new byte[0];
        return SyncthingRest.call(ctx, PowerShell.command(script(request)), stdin);
    }

    static String script(SyncthingRequest request) {
        return String.join("\n",
                "$method = " + PowerShell.literal(request.method().name()),
                "$path = " + PowerShell.literal(request.path()),
                "$hasBody = $" + request.hasBody(),
                "$base = if ($env:LOCALAPPDATA) { $env:LOCALAPPDATA } else { $env:APPDATA }",
                "$cfg = Join-Path $base 'Syncthing\\config.xml'",
                "if (-not (Test-Path -LiteralPath $cfg -PathType Leaf)) {",
                "  [Console]::Error.WriteLine('mesh: no Syncthing config.xml at ' + $cfg); exit " + SyncthingRest.NO_CONFIG,
                "}",
                "[xml]$xml = Get-Content -LiteralPath $cfg -Raw -Encoding UTF8",
                "$gui = $xml.configuration.gui",
                "if ($gui.enabled -eq 'false' -or -not $gui.apikey) {",
                "  [Console]::Error.WriteLine(\"mesh: Syncthing's GUI and REST API are turned off, or have no API key, in $cfg\");"
                        + " exit " + SyncthingRest.NO_API,
                "}",
                "$address = [string]$gui.address",
                "$at = $address.LastIndexOf(':')",
                "$hostPart = $address.Substring(0, $at)",
                "if ($hostPart -eq '' -or $hostPart -eq '0.0.0.0') { $hostPart = '127.0.0.1' } elseif ($hostPart -eq '[::]') { $hostPart = '[::1]' }",
                "$scheme = if ($gui.tls -eq 'true') { 'https' } else { 'http' }",
                "if ($scheme -eq 'https') { [Net.ServicePointManager]::ServerCertificateValidationCallback = { $true } }",
                "$uri = $scheme + '://' + $hostPart + ':' + $address.Substring($at + 1) + $path",
                "$request = @{ Uri = $uri; Method = $method; Headers = @{ 'X-API-Key' = [string]$gui.apikey };"
                        + " UseBasicParsing = $true; TimeoutSec = " + SyncthingRest.REQUEST_SECONDS + " }",
                "if ($hasBody) {",
                "  $request.Body = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())",
                "  $request.ContentType = 'application/json'",
                "}",
                "try {",
                "  $response = Invoke-WebRequest @request",
                "  $status = [int]$response.StatusCode; $content = [string]$response.Content",
                "} catch [System.Net.WebException] {",
                "  if ($null -eq $_.Exception.Response) {",
                "    [Console]::Error.WriteLine(\"mesh: Syncthing's REST API did not answer at \" + $uri + ': ' + $_.Exception.Message);"
                        + " exit " + SyncthingRest.NOT_ANSWERING,
                "  }",
                "  $status = [int]$_.Exception.Response.StatusCode",
                "  $content = (New-Object IO.StreamReader($_.Exception.Response.GetResponseStream())).ReadToEnd()",
                "}",
                "[Console]::Out.Write($content + \"`n" + SyncthingRest.STATUS_PREFIX + "$status`n\")");
    }
}
