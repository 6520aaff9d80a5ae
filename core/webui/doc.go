// Package webui is what the consoles of reel-mcp (core/console) and reel-rm
// (rm/cluster) share: the page layout, the stylesheet and scripts embedded
// in the binary, the sign-in form that keeps the admin token in a cookie,
// the live calls page (a calls.Report, as both daemons show it), server-sent
// events (Streams) and Render. Start here: Templates(pages, "assets/*.html") for a
// console's own pages, then Render with a Page.
package webui
