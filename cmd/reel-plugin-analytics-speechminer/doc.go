// Command reel-plugin-analytics-speechminer is the SpeechMiner analytics
// plugin process; see plugins/analytics/speechminer.
package main
