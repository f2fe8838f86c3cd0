using System.Net;
using System.Net.Sockets;

namespace Bench.Stack;

/// <summary>Free TCP ports on the loopback interface, for the processes of one run.</summary>
internal static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>
    /// A port the kernel just gave out and released. Another process could take it before the child binds it, so each
    /// port is handed out once per bench run, and the children get theirs right before they start.
    /// </summary>
    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
