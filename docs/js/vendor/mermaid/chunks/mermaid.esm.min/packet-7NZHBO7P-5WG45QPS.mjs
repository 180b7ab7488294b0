import{a as e,b as r}from"./chunk-FWYVLQTC.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as PacketModule,r as createPacketServices};
