import{a as r,b as o}from"./chunk-E5QJAATJ.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{r as RailroadEbnfModule,o as createRailroadEbnfServices};
